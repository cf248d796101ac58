package org.asfcast.asf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;

/**
 * An in-memory file on a disk that holds {@code capacity} bytes: a write that does not fit writes
 * what fits and then fails as a full disk does ({@code ENOSPC}); truncating frees the room again.
 */
final class FullDiskChannel implements SeekableByteChannel {
    private final long capacity;
    private byte[] bytes = new byte[0];
    private long position;
    private boolean open = true;

    FullDiskChannel(long capacity) {
        this.capacity = capacity;
    }

    /** What the file holds now. */
    byte[] contents() {
        return bytes.clone();
    }

    @Override
    public int read(ByteBuffer dst) {
        if (position >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), bytes.length - position);
        dst.put(bytes, (int) position, n);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        long room = capacity - position;
        if (room <= 0 && src.hasRemaining()) {
            throw new IOException("No space left on device");
        }
        int n = (int) Math.min(src.remaining(), room);
        if (position + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) (position + n));
        }
        src.get(bytes, (int) position, n);
        position += n;
        return n; // a short write; the next one fails, as write(2) does
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        if (size < bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) size);
        }
        position = Math.min(position, size);
        return this;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
