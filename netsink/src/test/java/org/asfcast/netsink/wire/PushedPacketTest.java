package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.Payload;
import org.asfcast.asf.SelectedPackets;
import org.asfcast.asf.WrittenFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pushed packet padded back: the bytes a pusher removed come back, payloads untouched. */
class PushedPacketTest {

    private static final int SIZE = 2000;

    @TempDir
    static Path dir;
    static PushFraming.Pushed file;

    @BeforeAll
    static void media() throws Exception {
        Path clip = dir.resolve("clip.asf");
        WrittenFiles.writeMjpegPcm(clip, 50, 25, 160, 120, SIZE);
        file = PushFraming.of(clip);
    }

    @Test
    void aPacketWhosePaddingWasRemovedComesBackAsItWas() throws Exception {
        int padded = 0;
        for (byte[] packet : file.packets()) {
            byte[] sent = PushFraming.unpadded(packet);
            if (sent.length < packet.length) {
                padded++;
            }
            assertThat(PushedPacket.padded(sent, SIZE, 0)).isEqualTo(packet);
        }
        assertThat(padded).as("packets that had padding to remove").isGreaterThan(0);
    }

    @Test
    void aWholePacketIsTheSameArray() throws Exception {
        byte[] packet = file.packets().get(0);
        assertThat(PushedPacket.padded(packet, SIZE, 0)).isSameAs(packet);
    }

    @Test
    void aPacketWithAnExplicitLengthAndNoPaddingFieldGetsOneWithItsPayloadsUnchanged() throws Exception {
        // SelectedPackets writes the specification's short form: a Packet Length, no Padding Length.
        SelectedPackets selection = new SelectedPackets(Set.of(2), 99);
        int shortened = 0;
        for (byte[] packet : file.packets().subList(0, 20)) {
            DataPacket original = DataPacket.parse(packet);
            byte[] shorter = selection.rewrite(packet, original);
            byte[] back = PushedPacket.padded(shorter, SIZE, 0);
            if (shorter.length == SIZE) {
                assertThat(back).isSameAs(shorter);
                continue;
            }
            shortened++;
            assertThat(back).hasSize(SIZE);
            DataPacket parsed = DataPacket.parse(back);
            DataPacket sent = DataPacket.parse(shorter, 0, shorter.length, 0);
            assertThat(parsed.sendTime()).isEqualTo(original.sendTime());
            assertThat(parsed.duration()).isEqualTo(original.duration());
            assertThat(parsed.packetLength()).isZero();
            assertThat(parsed.paddingLength()).isEqualTo(SIZE - shorter.length);
            assertThat(data(parsed.payloads(), back)).isEqualTo(data(sent.payloads(), shorter));
        }
        assertThat(shortened).as("packets the selection made shorter").isGreaterThan(5);
    }

    private static List<String> data(List<Payload> payloads, byte[] packet) {
        return payloads.stream().map(p -> p.streamNumber() + ":" + p.mediaObjectNumber() + ":" + p.offset() + ":"
                + java.util.HexFormat.of().formatHex(packet, p.dataOffset(), p.dataOffset() + p.dataLength())).toList();
    }

    @Test
    void aPacketLargerThanThePacketSizeOrNotAPacketIsRefused() {
        byte[] packet = file.packets().get(0);
        assertThatThrownBy(() -> PushedPacket.padded(packet, SIZE - 1, 77)).isInstanceOf(PushFormatException.class)
                .hasMessage("At byte 77 of the push body: a $D packet of 2000 bytes is larger than the header's packet size, 1999");
        assertThatThrownBy(() -> PushedPacket.padded(new byte[] {(byte) 0x82, 0, 0, (byte) 0x60}, SIZE, 5))
                .hasMessageStartingWith("At byte 5 of the push body: the $D packet is not an ASF data packet (");
    }
}
