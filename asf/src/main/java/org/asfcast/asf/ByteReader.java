package org.asfcast.asf;

import java.nio.charset.StandardCharsets;

/**
 * A little-endian cursor over a window of a byte array that never reads outside the window:
 * every read past its end raises {@link AsfFormatException} naming the absolute offset.
 * Not thread-safe; cheap to create.
 */
final class ByteReader {
    private final byte[] bytes;
    private final int start;
    private final int end;
    private final long baseOffset;
    private int position;

    /**
     * @param baseOffset the absolute input offset of {@code bytes[start]}, for messages
     */
    ByteReader(byte[] bytes, int start, int end, long baseOffset) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        this.baseOffset = baseOffset;
        this.position = start;
    }

    static ByteReader of(byte[] bytes) {
        return new ByteReader(bytes, 0, bytes.length, 0);
    }

    byte[] array() {
        return bytes;
    }

    int position() {
        return position;
    }

    int remaining() {
        return end - position;
    }

    /** The absolute input offset of the next byte. */
    long offset() {
        return baseOffset + (position - start);
    }

    /** The absolute input offset of array index {@code index}. */
    long offsetOf(int index) {
        return baseOffset + (index - start);
    }

    AsfFormatException error(String problem) {
        return new AsfFormatException(offset(), problem);
    }

    private void need(int count, String what) throws AsfFormatException {
        if (count < 0 || count > end - position) {
            throw error(what + " needs " + count + " bytes but only " + (end - position) + " remain");
        }
    }

    int u8(String what) throws AsfFormatException {
        need(1, what);
        return bytes[position++] & 0xFF;
    }

    int u16(String what) throws AsfFormatException {
        need(2, what);
        int value = (bytes[position] & 0xFF) | (bytes[position + 1] & 0xFF) << 8;
        position += 2;
        return value;
    }

    long u32(String what) throws AsfFormatException {
        need(4, what);
        long value = LittleEndian.u32(bytes, position);
        position += 4;
        return value;
    }

    long u64(String what) throws AsfFormatException {
        need(8, what);
        long value = LittleEndian.u64(bytes, position);
        position += 8;
        return value;
    }

    /** Reads a field of 0, 1, 2 or 4 bytes as the ASF "length type" 0..3 says. */
    long sized(int lengthType, String what) throws AsfFormatException {
        return switch (lengthType) {
            case 0 -> 0;
            case 1 -> u8(what);
            case 2 -> u16(what);
            default -> u32(what);
        };
    }

    Guid guid(String what) throws AsfFormatException {
        need(Guid.SIZE, what);
        Guid guid = Guid.read(bytes, position);
        position += Guid.SIZE;
        return guid;
    }

    byte[] bytes(long count, String what) throws AsfFormatException {
        if (count > remaining()) {
            throw error(what + " of " + count + " bytes runs past the end (" + remaining() + " remain)");
        }
        int n = (int) count;
        byte[] copy = new byte[n];
        System.arraycopy(bytes, position, copy, 0, n);
        position += n;
        return copy;
    }

    void skip(long count, String what) throws AsfFormatException {
        if (count > remaining()) {
            throw error(what + " of " + count + " bytes runs past the end (" + remaining() + " remain)");
        }
        position += (int) count;
    }

    /** A reader over the next {@code count} bytes, advancing this one past them. */
    ByteReader slice(long count, String what) throws AsfFormatException {
        if (count > remaining()) {
            throw error(what + " of " + count + " bytes runs past the end (" + remaining() + " remain)");
        }
        ByteReader child = new ByteReader(bytes, position, position + (int) count, offset());
        position += (int) count;
        return child;
    }

    /** UTF-16LE text of {@code byteLength} bytes; a final NUL is not part of the string. */
    String utf16(int byteLength, String what) throws AsfFormatException {
        byte[] raw = bytes(byteLength, what);
        int length = raw.length & ~1;
        if (length >= 2 && raw[length - 2] == 0 && raw[length - 1] == 0) {
            length -= 2;
        }
        return new String(raw, 0, length, StandardCharsets.UTF_16LE);
    }
}
