package org.asfcast.client.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.asfcast.client.FixtureStream;
import org.junit.jupiter.api.Test;

/** The push framing byte for byte as research §4.2 gives it (MS-WMHTTP §2.2.3): 4 bytes, nothing more. */
class PushFramesTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void endIsTheFramingHeaderAndTheReason() {
        assertThat(PushFrames.end(PushFrames.END_OF_SESSION)).containsExactly(bytes(0x24, 0x45, 0x04, 0x00, 0, 0, 0, 0));
        assertThat(PushFrames.end(PushFrames.END_OF_ENTRY)).containsExactly(bytes(0x24, 0x45, 0x04, 0x00, 1, 0, 0, 0));
        assertThat(PushFrames.end(PushFrames.END_OF_ENTRY)).hasSize(PushFrames.END_LENGTH);
    }

    @Test
    void headerCarriesTheAsfHeaderAfterFourBytes() throws Exception {
        byte[] header = FixtureStream.load().headerBytes();
        int n = header.length;
        assertThat(PushFrames.header(header)).containsExactly(concat(bytes(0x24, 0x48, n & 0xFF, n >> 8), header));
    }

    @Test
    void streamChangeCarriesAZeroReasonAndTheNewHeader() throws Exception {
        byte[] header = FixtureStream.load().headerBytes();
        int n = header.length + 4;
        assertThat(PushFrames.streamChange(header))
                .containsExactly(concat(bytes(0x24, 0x43, n & 0xFF, n >> 8, 0, 0, 0, 0), header));
    }

    @Test
    void dataCarriesThePacketWithoutLocationIdOrAfFlags() throws Exception {
        byte[] packet = UnpaddedPacket.of(java.nio.ByteBuffer.wrap(FixtureStream.load().packets().get(0)));
        int n = packet.length;
        assertThat(PushFrames.data(packet, 0, n)).containsExactly(concat(bytes(0x24, 0x44, n & 0xFF, n >> 8), packet));
    }

    @Test
    void fillerIsZeros() {
        assertThat(PushFrames.filler(3)).containsExactly(bytes(0x24, 0x46, 0x03, 0x00, 0, 0, 0));
        assertThat(PushFrames.filler(0)).containsExactly(bytes(0x24, 0x46, 0, 0));
        assertThat(PushFrames.filler(PushFrames.MAX_PAYLOAD)).hasSize(4 + 65_535);
    }

    @Test
    void whatTheSixteenBitLengthCannotSayIsRefused() {
        assertThatThrownBy(() -> PushFrames.header(new byte[65_532])).hasMessageContaining("65531");
        assertThatThrownBy(() -> PushFrames.streamChange(new byte[65_528])).hasMessageContaining("65527");
        assertThatThrownBy(() -> PushFrames.data(new byte[65_536], 0, 65_536)).hasMessageContaining("65535");
        assertThatThrownBy(() -> PushFrames.filler(65_536)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PushFrames.header(new byte[65_531])).hasSize(65_535);
        assertThat(PushFrames.streamChange(new byte[65_527])).hasSize(65_535);
    }
}
