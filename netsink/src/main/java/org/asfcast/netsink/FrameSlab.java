package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Where the writer frames packets: consecutive slices of one 64 KiB direct buffer at a time
 * instead of a pooled allocation per packet. Taking a slice is a counter and a small object; the
 * pool's allocation path is long and, called every 25 ms by a writer that sleeps in between, runs
 * from cold caches each time (measured that way: 5-9 us at the median and 85-97 us at p99 for the
 * pool, 2 us and 31-40 us for a slice; docs/benchmarks.md). A slab is freed when the
 * ring and every client have released every packet in it. Packets larger than a quarter of a slab
 * get a buffer of their own.
 *
 * <p>Used by the writer thread; {@link #release()} may come from the thread closing the sink,
 * hence the lock (never contended on the packet path).
 */
final class FrameSlab {

    static final int SLAB_BYTES = 64 * 1024;

    private final ByteBufAllocator allocator;
    private ByteBuf slab; // this object's reference to the slab being filled

    FrameSlab(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    /** A direct buffer of exactly {@code size} bytes, empty (writer index 0); the caller owns it. */
    synchronized ByteBuf allocate(int size) {
        if (size > SLAB_BYTES / 4) {
            return allocator.directBuffer(size, size);
        }
        if (slab == null || slab.writableBytes() < size) {
            if (slab != null) {
                slab.release();
            }
            slab = allocator.directBuffer(SLAB_BYTES, SLAB_BYTES);
        }
        ByteBuf frame = slab.retainedSlice(slab.writerIndex(), size);
        slab.writerIndex(slab.writerIndex() + size);
        return frame.writerIndex(0);
    }

    /** Lets go of the slab being filled (the packets framed in it stay valid while referenced). */
    synchronized void release() {
        if (slab != null) {
            slab.release();
            slab = null;
        }
    }
}
