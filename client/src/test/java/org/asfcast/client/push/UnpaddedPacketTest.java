package org.asfcast.client.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.DataPacketWriter;
import org.asfcast.asf.Payload;
import org.asfcast.client.FixtureStream;
import org.junit.jupiter.api.Test;

/** MS-WMHTTP §2.2.3.3: a pushed packet loses its padding and says so; its payloads stay byte for byte. */
class UnpaddedPacketTest {

    @Test
    void everyPacketOfAnFfmpegFileKeepsItsPayloadsAndLosesItsPadding() throws Exception {
        FixtureStream fixture = FixtureStream.load();
        int withPadding = 0;
        for (byte[] packet : fixture.packets()) {
            DataPacket before = DataPacket.parse(packet);
            byte[] unpadded = UnpaddedPacket.of(ByteBuffer.wrap(packet));
            DataPacket after = DataPacket.parse(unpadded);
            assertThat(after.paddingLength()).isZero();
            assertThat(unpadded.length).isEqualTo(packet.length - before.paddingLength()
                    - (before.packetLength() == 0 ? 0 : packet.length - before.packetLength()));
            assertThat(after.sendTime()).isEqualTo(before.sendTime());
            assertThat(data(after.payloads())).containsExactlyElementsOf(data(before.payloads()));
            withPadding += before.paddingLength() > 0 ? 1 : 0;
        }
        assertThat(withPadding).as("packets of the fixture with padding to remove").isPositive();
    }

    @Test
    void theLiveProfileKeepsItsWordPaddingFieldSetToZero() throws Exception {
        DataPacketWriter writer = new DataPacketWriter(3200);
        writer.add(1, true, 7, 0, 500, 1000, new byte[500], 0, 500);
        byte[] packet = writer.finish(900, 40);
        ByteBuffer buffer = ByteBuffer.wrap(packet);
        byte[] unpadded = UnpaddedPacket.of(buffer);
        assertThat(unpadded.length).isEqualTo(DataPacketWriter.PACKET_HEADER + DataPacketWriter.PAYLOAD_HEADER + 500);
        assertThat(unpadded[5]).isZero(); // the WORD Padding Length after 82 00 00, flags, properties
        assertThat(unpadded[6]).isZero();
        assertThat(buffer.position()).as("the writer's buffer is not moved").isZero();
        assertThat(DataPacket.parse(unpadded).payloads().get(0).dataLength()).isEqualTo(500);
    }

    @Test
    void anExplicitPacketLengthBecomesTheShorterLength() throws Exception {
        // No error correction; Length Type Flags 0x48: WORD packet length, BYTE padding, single payload.
        byte[] packet = new byte[100];
        packet[0] = 0x48;
        packet[1] = 0x5D;
        packet[2] = 90; // packet length: 90 of the 100 bytes
        packet[4] = 20; // padding inside those 90
        int payloadAt = 2 + 2 + 1 + 6;
        packet[payloadAt] = (byte) 0x81; // stream 1, key frame
        packet[payloadAt + 1] = 3; // object number
        packet[payloadAt + 6] = 8; // replicated data length, after the DWORD offset
        int used = payloadAt + 7 + 8;
        int dataLength = 70 - used;
        packet[payloadAt + 7] = (byte) dataLength; // object size
        byte[] unpadded = UnpaddedPacket.of(ByteBuffer.wrap(packet));
        assertThat(unpadded).hasSize(70);
        assertThat(unpadded[2]).isEqualTo((byte) 70);
        assertThat(unpadded[4]).isZero();
        assertThat(DataPacket.parse(unpadded).payloads().get(0).dataLength()).isEqualTo(dataLength);
    }

    @Test
    void aPacketThatContradictsItselfIsRefused() {
        assertThatThrownBy(() -> UnpaddedPacket.of(ByteBuffer.wrap(new byte[] {(byte) 0x82, 0, 0})))
                .hasMessageContaining("end inside");
        byte[] tooMuchPadding = new byte[40];
        tooMuchPadding[0] = 0x10; // WORD padding, no error correction
        tooMuchPadding[2] = 40;
        assertThatThrownBy(() -> UnpaddedPacket.of(ByteBuffer.wrap(tooMuchPadding))).hasMessageContaining("40 of padding");
    }

    private static List<String> data(List<Payload> payloads) {
        return payloads.stream().map(p -> p.streamNumber() + "/" + p.mediaObjectNumber() + "/" + p.offset() + "/"
                + java.util.Arrays.toString(p.data())).toList();
    }
}
