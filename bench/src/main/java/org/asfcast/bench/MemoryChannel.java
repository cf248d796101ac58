package org.asfcast.bench;

import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;

/**
 * A growable in-memory file, so the benchmarks measure asfcast's code and not the disk. Reading
 * and writing share one position, as on a {@code FileChannel}.
 */
final class MemoryChannel implements SeekableByteChannel {
    private byte[] bytes;
    private int size;
    private int position;

    /** An empty file with room for {@code capacity} bytes before it grows. */
    MemoryChannel(int capacity) {
        bytes = new byte[capacity];
    }

    /** A file holding {@code content} (not copied), positioned at its start. */
    MemoryChannel(byte[] content) {
        bytes = content;
        size = content.length;
    }

    /** Empties the file, keeping its array (so a benchmark loop does not allocate it again). */
    MemoryChannel reset() {
        size = 0;
        position = 0;
        return this;
    }

    /** A copy of the content. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    @Override
    public int read(ByteBuffer dst) {
        if (position >= size) {
            return -1;
        }
        int n = Math.min(dst.remaining(), size - position);
        dst.put(bytes, position, n);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        int n = src.remaining();
        if (position + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(position + n, bytes.length * 2));
        }
        src.get(bytes, position, n);
        position += n;
        size = Math.max(size, position);
        return n;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        position = (int) Math.min(newPosition, Integer.MAX_VALUE);
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        size = (int) Math.min(size, newSize);
        position = Math.min(position, size);
        return this;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
        // Nothing to release; the benchmark reuses the array.
    }
}
