package org.asfcast.netsink.wire;

import java.nio.ByteBuffer;

/**
 * Reads an HTTP/1.1 chunked body (RFC 9112 §7.1), as FFmpeg sends a PUT or POST, from bytes that
 * arrive in pieces: {@link #take} moves the chunks' data to the caller and skips sizes, extensions,
 * line ends and trailers. A size line or trailer line longer than {@value #MAX_LINE} bytes, or
 * trailers over {@value #MAX_TRAILERS} bytes, are refused, so nothing grows unbounded. Pure.
 */
public final class ChunkedBody {

    /** The longest chunk-size line (with its extensions) or trailer line taken. */
    public static final int MAX_LINE = 1024;
    /** The most trailer bytes taken. */
    public static final int MAX_TRAILERS = 8192;

    private enum State { SIZE, DATA, DATA_END, TRAILER, DONE }

    private State state = State.SIZE;
    private final StringBuilder line = new StringBuilder();
    private long left; // of the current chunk
    private int trailerBytes;
    private boolean sawCr;

    /**
     * Takes bytes from {@code input} and returns the next piece of chunk data found in them (a
     * slice of {@code input}, valid until it is read on), or null when {@code input} is used up or
     * the body is complete; call again until {@code input} has nothing left.
     *
     * @throws PushFormatException when the framing is broken (the body offset is not known here: 0)
     */
    public ByteBuffer take(ByteBuffer input) throws PushFormatException {
        while (input.hasRemaining() && state != State.DONE) {
            if (state == State.DATA) {
                int n = (int) Math.min(left, input.remaining());
                ByteBuffer data = input.slice(input.position(), n);
                input.position(input.position() + n);
                left -= n;
                if (left == 0) {
                    state = State.DATA_END;
                }
                return data;
            }
            byte b = input.get();
            if (b == '\n') {
                endOfLine();
                continue;
            }
            if (sawCr) {
                throw new PushFormatException(0, "a chunked body has a carriage return that does not end its line");
            }
            if (b == '\r') {
                sawCr = true;
                continue;
            }
            if (state == State.DATA_END) {
                throw new PushFormatException(0, "a chunk's data is longer than its size says");
            }
            if (line.length() >= MAX_LINE) {
                throw new PushFormatException(0, "a line of the chunked body is longer than " + MAX_LINE + " bytes");
            }
            line.append((char) (b & 0xFF));
        }
        return null;
    }

    /** Whether the last chunk and the trailers have been read. */
    public boolean complete() {
        return state == State.DONE;
    }

    private void endOfLine() throws PushFormatException {
        sawCr = false;
        String text = line.toString();
        line.setLength(0);
        switch (state) {
            case DATA_END -> state = State.SIZE;
            case SIZE -> {
                int semicolon = text.indexOf(';');
                String size = (semicolon < 0 ? text : text.substring(0, semicolon)).strip();
                if (size.isEmpty() || size.length() > 15 || !size.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    throw new PushFormatException(0, "\"" + PublishRequest.shown(text) + "\" is not a chunk size");
                }
                left = Long.parseLong(size, 16);
                state = left == 0 ? State.TRAILER : State.DATA;
            }
            case TRAILER -> {
                trailerBytes += text.length() + 2;
                if (text.isEmpty()) {
                    state = State.DONE;
                } else if (trailerBytes > MAX_TRAILERS) {
                    throw new PushFormatException(0, "the chunked body's trailers are longer than " + MAX_TRAILERS + " bytes");
                }
            }
            default -> throw new IllegalStateException(state.toString());
        }
    }
}
