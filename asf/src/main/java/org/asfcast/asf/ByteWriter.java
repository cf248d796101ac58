package org.asfcast.asf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte buffer for building ASF objects. */
final class ByteWriter {
    private byte[] bytes;
    private int size;

    ByteWriter() {
        this(256);
    }

    ByteWriter(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }

    int size() {
        return size;
    }

    ByteWriter u8(int v) {
        ensure(1);
        bytes[size++] = (byte) v;
        return this;
    }

    ByteWriter u16(int v) {
        ensure(2);
        LittleEndian.put16(bytes, size, v);
        size += 2;
        return this;
    }

    ByteWriter u32(long v) {
        ensure(4);
        LittleEndian.put32(bytes, size, v);
        size += 4;
        return this;
    }

    ByteWriter u64(long v) {
        ensure(8);
        LittleEndian.put64(bytes, size, v);
        size += 8;
        return this;
    }

    ByteWriter guid(Guid guid) {
        ensure(Guid.SIZE);
        guid.write(bytes, size);
        size += Guid.SIZE;
        return this;
    }

    ByteWriter bytes(byte[] data) {
        return bytes(data, 0, data.length);
    }

    ByteWriter bytes(byte[] data, int offset, int length) {
        ensure(length);
        System.arraycopy(data, offset, bytes, size, length);
        size += length;
        return this;
    }

    /** Overwrites 8 bytes at {@code index} (used to patch an object size once known). */
    void patch64(int index, long v) {
        LittleEndian.put64(bytes, index, v);
    }

    /** Starts an ASF object: GUID and a size to be patched by {@link #endObject}. */
    int beginObject(Guid guid) {
        int start = size;
        guid(guid);
        u64(0);
        return start;
    }

    void endObject(int start) {
        patch64(start + Guid.SIZE, size - start);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** UTF-16LE with a terminating NUL; nothing at all for an empty string (FFmpeg's and the SDK's habit). */
    static byte[] utf16zOrEmpty(String text) {
        return text.isEmpty() ? new byte[0] : utf16z(text);
    }

    /** UTF-16LE with a terminating NUL, as ASF stores strings. */
    static byte[] utf16z(String text) {
        byte[] chars = text.getBytes(StandardCharsets.UTF_16LE);
        return Arrays.copyOf(chars, chars.length + 2);
    }
}
