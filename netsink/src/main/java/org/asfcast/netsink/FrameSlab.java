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
 * <p>Taking a new slab from the pool still costs 15-20 us, once every 20 packets or so at 1 Mbit/s:
 * that was the whole of {@code onDataUnit}'s p99 at 10,000 players (docs/benchmarks.md). So an event
 * loop keeps a spare slab ready ({@link #prepareSpare()}, on a timer) and the writer takes it; the
 * writer allocates itself only when the spare has not come yet.
 *
 * <p>Used by the writer thread; {@link #release()} may come from the thread closing the sink and
 * {@link #prepareSpare()} from an event loop, hence the lock (never held while the pool allocates).
 */
final class FrameSlab {

    static final int SLAB_BYTES = 64 * 1024;

    private final ByteBufAllocator allocator;
    private ByteBuf slab; // this object's reference to the slab being filled
    private ByteBuf spare; // a slab ready for when this one is full, or null

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
            if (spare != null) {
                slab = spare;
                spare = null;
            } else {
                slab = allocator.directBuffer(SLAB_BYTES, SLAB_BYTES);
            }
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
        if (spare != null) {
            spare.release();
            spare = null;
        }
    }

    /**
     * From any thread: makes sure a spare slab is ready while packets are being framed (not before
     * the first packet, nor after {@link #release()}). The pool is called outside the lock, so the
     * writer never waits for it.
     */
    void prepareSpare() {
        synchronized (this) {
            if (slab == null || spare != null) {
                return;
            }
        }
        ByteBuf fresh = allocator.directBuffer(SLAB_BYTES, SLAB_BYTES);
        synchronized (this) {
            if (slab != null && spare == null) {
                spare = fresh;
                return;
            }
        }
        fresh.release(); // released or supplied meanwhile
    }
}
