package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;

/**
 * A run of consecutively numbered framed packets, each with its send time and whether a video
 * key frame starts in it, holding one reference to each buffer. Not thread-safe: the broadcast
 * ring keeps one under its lock for the writer, and each event loop keeps its own copy, which its
 * clients read without any lock (see {@link BroadcastRing#copyNewInto(PacketWindow)}).
 */
final class PacketWindow {

    private ByteBuf[] buffers = new ByteBuf[256];
    private long[] sendTimes = new long[256];
    private boolean[] keyStarts = new boolean[256];
    private long first;      // sequence number of the oldest packet held
    private long next;       // sequence number the next packet gets
    private long bytes;

    /** The oldest sequence number held (equal to {@link #next()} when empty). */
    long first() {
        return first;
    }

    /** The sequence number the next packet gets. */
    long next() {
        return next;
    }

    /** Bytes held. */
    long bytes() {
        return bytes;
    }

    /** Packet {@code seq} (the window's own reference: retain or duplicate it to keep it), or null when not held. */
    ByteBuf get(long seq) {
        return seq >= first && seq < next ? buffers[slot(seq)] : null;
    }

    /** Whether packet {@code seq} is held and starts a video key frame. */
    boolean isKeyStart(long seq) {
        return seq >= first && seq < next && keyStarts[slot(seq)];
    }

    /** The send time of packet {@code seq}, which must be held. */
    long sendTime(long seq) {
        return sendTimes[slot(seq)];
    }

    /** The send time of the newest packet held, or {@link Long#MIN_VALUE} when empty. */
    long newestSendTime() {
        return next == first ? Long.MIN_VALUE : sendTimes[slot(next - 1)];
    }

    /** Appends packet {@link #next()}, taking over the caller's reference; returns its sequence number. */
    long add(ByteBuf framed, long sendTime, boolean keyStart) {
        if (next - first == buffers.length) {
            grow();
        }
        int i = slot(next);
        buffers[i] = framed;
        sendTimes[i] = sendTime;
        keyStarts[i] = keyStart;
        bytes += framed.readableBytes();
        return next++;
    }

    /** Releases the oldest packet; the window must not be empty. */
    void dropOldest() {
        int i = slot(first);
        bytes -= buffers[i].readableBytes();
        buffers[i].release();
        buffers[i] = null;
        first++;
    }

    /** Releases every packet before {@code seq}; when {@code seq} is beyond what is held, the window restarts there, empty. */
    void dropBefore(long seq) {
        while (first < seq && first < next) {
            dropOldest();
        }
        if (first < seq) {
            restartAt(seq);
        }
    }

    /** Releases every packet; sequence numbers keep counting. */
    void clear() {
        dropBefore(next);
    }

    /** Makes an empty window continue at {@code seq}, before or after where it stood. */
    void restartAt(long seq) {
        if (first != next) {
            throw new IllegalStateException("the window holds packets " + first + " to " + (next - 1));
        }
        first = seq;
        next = seq;
    }

    /**
     * Where a skipping client starts: the newest packet that starts a video key frame; with no
     * video, the newest packet; -1 when video is expected but no key frame start is held (the
     * client then waits for the next one).
     */
    long joinPoint(boolean video) {
        return joinPoint(video, 0);
    }

    /**
     * Where a new client starts so that its first burst holds at least {@code minBurstMillis} of
     * the broadcast (by send time) when the window has it: the newest key frame start at least that
     * old, else the oldest one held (with no video: the newest packet at least that old, else the
     * oldest). A player decodes its first picture as soon as its demuxer has seen enough of every
     * stream; a join just after a key frame would give it almost nothing and leave it waiting for
     * live data. -1 when video is expected but no key frame start is held.
     */
    long joinPoint(boolean video, long minBurstMillis) {
        if (next == first) {
            return video ? -1 : next;
        }
        long newest = sendTimes[slot(next - 1)];
        long candidate = -1;
        for (long s = next - 1; s >= first; s--) {
            int i = slot(s);
            if (video && !keyStarts[i]) {
                continue;
            }
            candidate = s;
            if (newest - sendTimes[i] >= minBurstMillis) {
                return s;
            }
        }
        return candidate;
    }

    private void grow() {
        int n = buffers.length;
        ByteBuf[] b = new ByteBuf[n * 2];
        long[] t = new long[n * 2];
        boolean[] k = new boolean[n * 2];
        for (long s = first; s < next; s++) {
            int from = (int) (s & (n - 1));
            int to = (int) (s & (2 * n - 1));
            b[to] = buffers[from];
            t[to] = sendTimes[from];
            k[to] = keyStarts[from];
        }
        buffers = b;
        sendTimes = t;
        keyStarts = k;
    }

    private int slot(long seq) {
        return (int) (seq & (buffers.length - 1));
    }
}
