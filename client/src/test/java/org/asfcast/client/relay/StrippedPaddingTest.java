package org.asfcast.client.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.DataPacketWriter;
import org.asfcast.asf.Payload;
import org.junit.jupiter.api.Test;

/** A packet a server sent without its padding reads as the writer made it once the edge has padded it back. */
class StrippedPaddingTest {

    private static final int SIZE = 1000;

    /** A writer's packet: one 300-byte payload, the rest padding (a WORD Padding Length). */
    private static byte[] written() {
        DataPacketWriter writer = new DataPacketWriter(SIZE);
        byte[] data = new byte[300];
        Arrays.fill(data, (byte) 7);
        writer.add(1, true, 5, 0, data.length, 1234, data, 0, data.length);
        return writer.finish(1234, 40);
    }

    /** What a server that strips padding sends ([MS-WMSP] §2.2.3.3), padded back with zeros as players do. */
    private static byte[] strippedAndPadded(byte[] packet, DataPacket parsed, int paddingAt, int paddingSize) {
        int sent = (int) (packet.length - parsed.paddingLength());
        byte[] received = Arrays.copyOf(Arrays.copyOf(packet, sent), packet.length);
        for (int i = 0; i < paddingSize; i++) {
            received[paddingAt + i] = 0;
        }
        return received;
    }

    @Test
    void thePaddingLengthCoversTheZerosAgain() throws Exception {
        byte[] packet = written();
        DataPacket parsed = DataPacket.parse(packet);
        assertThat(parsed.paddingLength()).as("the writer's padding").isPositive();
        int ltf = packet[0] & 0xFF;
        int at = (ltf & 0x80) != 0 ? 1 + (ltf & 0x0F) + 1 : 1;
        ltf = packet[at - 1] & 0xFF;
        int paddingType = ltf >> 3 & 3;
        int lengthType = ltf >> 5 & 3;
        int sequenceType = ltf >> 1 & 3;
        int paddingAt = at + 1 + width(lengthType) + width(sequenceType);
        int sent = (int) (SIZE - parsed.paddingLength());
        byte[] received = strippedAndPadded(packet, parsed, paddingAt, width(paddingType));

        assertThat(StrippedPadding.restore(received, sent)).isTrue();
        assertThat(received).as("the packet as the writer made it").isEqualTo(packet);
        Payload p = DataPacket.parse(received).payloads().get(0);
        assertThat(p.dataLength()).isEqualTo(300);
    }

    @Test
    void aFullPacketIsLeftAsItIs() {
        byte[] packet = written();
        byte[] copy = packet.clone();
        assertThat(StrippedPadding.restore(packet, SIZE)).isTrue();
        assertThat(packet).isEqualTo(copy);
    }

    @Test
    void aPacketWithoutAPaddingLengthFieldCannotBeRestored() {
        byte[] packet = new byte[SIZE];
        packet[0] = 0x01; // multiple payloads, no packet length, no sequence, no padding length
        assertThat(StrippedPadding.restore(packet, 600)).isFalse();
    }

    @Test
    void aPaddingLengthTooNarrowForTheZerosIsLeftAsItIs() {
        byte[] packet = new byte[SIZE];
        packet[0] = 0x08; // BYTE padding length, single payload
        packet[2] = 10;
        assertThat(StrippedPadding.restore(packet, 500)).isFalse();
        assertThat(packet[2]).isEqualTo((byte) 10);
    }

    private static int width(int type) {
        return type == 3 ? 4 : type;
    }
}
