package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.WrittenFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A push session's frames as the ASF stream a reader reads: the header, the packets whole, a new header. */
class PushedStreamTest {

    @TempDir
    static Path dir;
    static Path clip;
    static PushFraming.Pushed file;

    @BeforeAll
    static void media() throws Exception {
        clip = dir.resolve("clip.asf");
        WrittenFiles.writeMjpegPcm(clip, 50, 25, 160, 120, 2000);
        file = PushFraming.of(clip);
    }

    /** Decodes {@code body} in pieces of {@code piece} bytes and returns the ASF stream it stands for. */
    private static byte[] asf(byte[] body, int piece, PushedStream stream) throws Exception {
        PushFrameDecoder decoder = new PushFrameDecoder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += piece) {
            for (PushFrame frame : decoder.feed(ByteBuffer.wrap(body, at, Math.min(piece, body.length - at)))) {
                out.writeBytes(stream.asf(frame, decoder.offset()));
            }
        }
        return out.toByteArray();
    }

    private static byte[] join(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void aSessionSpreadOverTwoPushStartsIsTheFilesHeaderAndPacketsInOneLiveStream() throws Exception {
        int n = file.packets().size();
        PushedStream stream = new PushedStream();
        // A re-POST: the second PushStart goes on with $D, no $H.
        byte[] first = asf(join(file.headerFrame(), file.dataFrames(0, n / 2)), 1000, stream);
        byte[] second = asf(join(file.dataFrames(n / 2, n), PushFraming.end(0)), 333, stream);
        assertThat(stream.finished()).isTrue();

        try (AsfReader reader = AsfReader.of(new ByteArrayInputStream(join(first, second)));
             AsfReader original = AsfReader.open(clip)) {
            assertThat(reader.headerBytes()).isEqualTo(original.headerBytes());
            assertThat(reader.dataObject().objectSize()).isEqualTo(50); // live: read on to the next header
            List<byte[]> packets = new ArrayList<>();
            for (Optional<byte[]> p = reader.nextPacketBytes(); p.isPresent(); p = reader.nextPacketBytes()) {
                packets.add(p.get());
            }
            assertThat(packets).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(packets.get(i)).as("packet " + i).isEqualTo(file.packets().get(i));
            }
        }
    }

    @Test
    void aChangeIsANewHeaderInTheSameStream() throws Exception {
        byte[] headerObject;
        try (AsfReader r = AsfReader.open(clip)) {
            headerObject = r.headerBytes();
        }
        byte[] change = PushFraming.frame('C', join(new byte[4], headerObject));
        PushedStream stream = new PushedStream();
        byte[] asf = asf(join(file.headerFrame(), file.dataFrames(0, 3), PushFraming.end(1), change, file.dataFrames(3, 5)),
                4096, stream);
        try (AsfReader reader = AsfReader.of(new ByteArrayInputStream(asf))) {
            for (int i = 0; i < 3; i++) {
                assertThat(reader.nextPacketBytes()).isPresent();
            }
            assertThat(reader.nextPacketBytes()).isEmpty();
            AsfReader next = reader.following().orElseThrow();
            assertThat(next.headerBytes()).isEqualTo(headerObject);
            assertThat(next.nextPacketBytes()).hasValue(file.packets().get(3));
        }
    }

    @Test
    void packetsOutOfPlaceAreSentences() {
        assertThatThrownBy(() -> asf(file.dataFrames(0, 1), 100, new PushedStream()))
                .isInstanceOf(PushFormatException.class).hasMessageEndingWith("a $D packet came before any header ($H)");
        assertThatThrownBy(() -> asf(join(file.headerFrame(), PushFraming.end(0), file.dataFrames(0, 1)), 100,
                new PushedStream())).hasMessageEndingWith("a packet came after the $E that finished the stream");
        assertThatThrownBy(() -> asf(PushFraming.frame('H', new byte[40]), 100, new PushedStream()))
                .hasMessageEndingWith("the header packet does not carry an ASF Header Object");
        assertThatThrownBy(() -> asf(PushFraming.frame('E', new byte[] {7, 0, 0, 0}), 100, new PushedStream()))
                .hasMessageEndingWith("$E gives the reason 7; only 0 (finished) and 1 (a new header follows) are defined");
    }
}
