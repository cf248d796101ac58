package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The push framing of [MS-WMHTTP] §2.2.3, with the byte examples of research §4.2. */
class PushFrameDecoderTest {

    private static byte[] hex(String text) {
        String[] parts = text.trim().split("\\s+");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    private static List<PushFrame> decode(byte[] bytes) throws PushFormatException {
        return new PushFrameDecoder().feed(ByteBuffer.wrap(bytes));
    }

    @Test
    void theEndPacketsOfTheResearchAreReadWithTheirReasons() throws Exception {
        // $E: 24 45 04 00 <reason32>
        assertThat(decode(hex("24 45 04 00 00 00 00 00"))).containsExactly(new PushFrame.End(0));
        assertThat(decode(hex("24 45 04 00 01 00 00 00"))).containsExactly(new PushFrame.End(1));
    }

    @Test
    void aChangeCarriesTheNewHeaderAfterFourZeroBytes() throws Exception {
        // $C: 24 43 <len16> 00 00 00 00 + the new ASF header
        byte[] header = new byte[40];
        header[0] = 0x30;
        header[39] = 0x77;
        byte[] payload = new byte[44];
        System.arraycopy(header, 0, payload, 4, 40);
        List<PushFrame> frames = decode(PushFraming.frame('C', payload));
        assertThat(frames).singleElement().isInstanceOfSatisfying(PushFrame.Change.class,
                c -> assertThat(c.header()).isEqualTo(header));
    }

    @Test
    void dataHeaderAndFillerFramesCarryTheirPayloads() throws Exception {
        byte[] packet = {(byte) 0x82, 0, 0, 0x11, 0x5D};
        byte[] header = new byte[30];
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(PushFraming.frame('H', header));
        body.writeBytes(PushFraming.frame('D', packet));
        body.writeBytes(hex("24 46 03 00 00 00 00")); // $F: filler, ignored
        List<PushFrame> frames = decode(body.toByteArray());
        assertThat(frames).hasSize(3);
        assertThat(((PushFrame.Header) frames.get(0)).payload()).isEqualTo(header);
        assertThat(((PushFrame.Data) frames.get(1)).packet()).isEqualTo(packet);
        assertThat(frames.get(2)).isEqualTo(new PushFrame.Filler(3));
    }

    @Test
    void theFrameByteWithTheBBitSetIsAcceptedAsOtherReceiversDo() throws Exception {
        assertThat(decode(hex("A4 45 04 00 00 00 00 00"))).containsExactly(new PushFrame.End(0));
    }

    @Test
    void aFrameIsReturnedOnlyWhenWholeHoweverTheBytesArrive() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(PushFraming.frame('D', new byte[] {1, 2, 3, 4, 5, 6, 7}));
        body.writeBytes(hex("24 45 04 00 01 00 00 00"));
        byte[] bytes = body.toByteArray();
        PushFrameDecoder decoder = new PushFrameDecoder();
        List<PushFrame> frames = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            List<PushFrame> got = decoder.feed(ByteBuffer.wrap(bytes, i, 1));
            if (i < 10) {
                assertThat(got).isEmpty();
                assertThat(decoder.atBoundary()).isFalse();
            }
            frames.addAll(got);
        }
        assertThat(decoder.atBoundary()).isTrue();
        assertThat(decoder.offset()).isEqualTo(bytes.length);
        assertThat(frames).hasSize(2);
        assertThat(((PushFrame.Data) frames.get(0)).packet()).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(frames.get(1)).isEqualTo(new PushFrame.End(1));
    }

    @Test
    void whatIsNotPushFramingIsASentenceNamingTheByte() {
        assertThatThrownBy(() -> decode(hex("24 45 04 00 00 00 00 00 47 45 54 20")))
                .isInstanceOf(PushFormatException.class)
                .hasMessage("At byte 8 of the push body: expected a push packet starting with '$' (0x24), found 0x47");
        assertThatThrownBy(() -> decode(hex("24 5A 00 00")))
                .hasMessage("At byte 0 of the push body: 0x5A is not a push packet type ($H, $D, $C, $E or $F)");
        assertThatThrownBy(() -> decode(hex("24 45 02 00 00 00")))
                .hasMessageContaining("a $E packet of 2 bytes is not the 4 bytes of its reason");
        assertThatThrownBy(() -> decode(hex("24 48 05 00 00 00 00 00 00")))
                .hasMessageContaining("a $H packet of 5 bytes is too short");
    }
}
