package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A chunked body as FFmpeg and curl send one, whole or byte by byte. */
class ChunkedBodyTest {

    private static String read(String body, int piece) throws PushFormatException {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        ChunkedBody chunked = new ChunkedBody();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < bytes.length; at += piece) {
            ByteBuffer in = ByteBuffer.wrap(bytes, at, Math.min(piece, bytes.length - at));
            while (in.hasRemaining()) {
                ByteBuffer data = chunked.take(in);
                if (data != null) {
                    byte[] b = new byte[data.remaining()];
                    data.get(b);
                    out.writeBytes(b);
                }
            }
        }
        assertThat(chunked.complete()).isTrue();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void chunksJoinHoweverTheBytesArrive() throws Exception {
        String body = "5\r\nhello\r\n1;name=value\r\n \r\nA\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n";
        for (int piece : new int[] {1, 2, 7, 1000}) {
            assertThat(read(body, piece)).isEqualTo("hello 0123456789");
        }
        assertThat(read("3\nabc\n0\n\n", 1)).isEqualTo("abc"); // bare line feeds
    }

    @Test
    void whatFollowsTheLastChunkIsNotTaken() throws Exception {
        ChunkedBody chunked = new ChunkedBody();
        ByteBuffer in = ByteBuffer.wrap("0\r\n\r\nGET / HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(chunked.take(in)).isNull();
        assertThat(chunked.complete()).isTrue();
        assertThat(in.position()).isEqualTo(5);
    }

    @Test
    void brokenFramingIsASentence() {
        assertThatThrownBy(() -> read("zz\r\n", 10)).isInstanceOf(PushFormatException.class)
                .hasMessageEndingWith("\"zz\" is not a chunk size");
        assertThatThrownBy(() -> read("2\r\nabc\r\n", 10)).hasMessageEndingWith("a chunk's data is longer than its size says");
        assertThatThrownBy(() -> read("1" + "0".repeat(2000) + "\r\n", 4096))
                .hasMessageEndingWith("a line of the chunked body is longer than 1024 bytes");
        assertThatThrownBy(() -> read("1\r\na\r\n0\r\n" + "X: y\r\n".repeat(2000), 4096))
                .hasMessageEndingWith("the chunked body's trailers are longer than 8192 bytes");
        assertThatThrownBy(() -> read("1\ra\r\n", 10)).hasMessageEndingWith("a carriage return that does not end its line");
    }
}
