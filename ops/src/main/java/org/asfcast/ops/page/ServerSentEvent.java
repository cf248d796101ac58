package org.asfcast.ops.page;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * One server-sent event as the HTML standard frames it ({@code text/event-stream}): an
 * {@code event:} line, an {@code id:} line, one {@code data:} line per line of the payload and a
 * blank line. The bytes are made once and sent to every open page.
 */
final class ServerSentEvent {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

    private ServerSentEvent() {
    }

    /**
     * The event's bytes in UTF-8.
     *
     * @throws IllegalArgumentException when {@code name} is not one plain word (a line break in it
     *                                  would forge another field)
     */
    static byte[] encode(String name, long id, String data) {
        ByteBuf out = Unpooled.buffer(data.length() + name.length() + 32);
        write(out, name, id, EventData.text(data));
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    /**
     * Appends the event to {@code out}, its payload written by {@code data} straight into it.
     *
     * @throws IllegalArgumentException when {@code name} is not one plain word
     * @throws UncheckedIOException     when {@code data} fails to write itself
     */
    static void write(ByteBuf out, String name, long id, EventData data) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an event name must be one word: '" + name + "'");
        }
        out.writeCharSequence("event: " + name + "\nid: " + id + "\n", StandardCharsets.US_ASCII);
        out.writeBytes(DATA);
        try (DataLines lines = new DataLines(new ByteBufOutputStream(out))) {
            data.writeTo(lines);
        } catch (IOException e) {
            throw new UncheckedIOException("the event's payload could not be written: " + e.getMessage(), e);
        }
        out.writeByte('\n').writeByte('\n');
    }

    /** A comment line, which readers ignore: it tells the page, at once, that the stream is open. */
    static byte[] comment(String text) {
        return (": " + text.replaceAll("[\r\n]+", " ") + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The payload's bytes with each line break (CR, LF or CRLF) turned into the start of another
     * data line: a break kept as it is would end the field. Scanning bytes is safe in UTF-8: no byte
     * of a multi-byte character is a CR or an LF.
     */
    private static final class DataLines extends OutputStream {
        private final OutputStream out;
        private boolean afterCr;

        DataLines(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (b == '\n' && afterCr) {
                afterCr = false; // the LF of a CRLF: its line was begun at the CR
                return;
            }
            afterCr = b == '\r';
            if (b == '\r' || b == '\n') {
                out.write('\n');
                out.write(DATA);
            } else {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int start = off;
            int end = off + len;
            for (int i = off; i < end; i++) {
                if (b[i] == '\r' || b[i] == '\n' || afterCr) {
                    out.write(b, start, i - start);
                    write(b[i]);
                    start = i + 1;
                }
            }
            out.write(b, start, end - start);
        }

        @Override
        public void close() {
            // the event's buffer is the caller's
        }
    }
}
