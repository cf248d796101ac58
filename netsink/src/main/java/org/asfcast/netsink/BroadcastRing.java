package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;

/**
 * The last few seconds of the broadcast: each packet framed once (the {@code $D} chunk), numbered
 * by a running sequence, with the packets where a video key frame starts marked. Clients are
 * cursors into it; they take {@linkplain ByteBuf#retainedDuplicate() duplicates}, never copies.
 *
 * <p>The writer appends, the event loops read; every method is synchronized (a short critical
 * section, a handful of times per packet per event loop, not per client on the live path).
 * The ring owns one reference to each buffer and releases it when the packet leaves the window.
 */
final class BroadcastRing {

    private final long windowMillis;
    private final long maxBytes;

    private ByteBuf[] buffers = new ByteBuf[256];
    private long[] sendTimes = new long[256];
    private boolean[] keyStarts = new boolean[256];
    private long first;      // sequence number of the oldest packet held
    private long next;       // sequence number the next packet gets
    private long bytes;

    BroadcastRing(long windowMillis, long maxBytes) {
        this.windowMillis = windowMillis;
        this.maxBytes = maxBytes;
    }

    /** Appends a framed packet (the ring takes over the caller's reference); returns its sequence number. */
    synchronized long append(ByteBuf framed, long sendTime, boolean keyStart) {
        if (next - first == buffers.length) {
            grow();
        }
        int i = slot(next);
        buffers[i] = framed;
        sendTimes[i] = sendTime;
        keyStarts[i] = keyStart;
        bytes += framed.readableBytes();
        long seq = next++;
        // Keep the window by send time and by bytes, but never drop the newest packet.
        while (next - first > 1 && (sendTime - sendTimes[slot(first)] > windowMillis || bytes > maxBytes)) {
            dropOldest();
        }
        return seq;
    }

    /** A retained duplicate of packet {@code seq}, or null when it is no longer (or not yet) held. */
    synchronized ByteBuf retained(long seq) {
        if (seq < first || seq >= next) {
            return null;
        }
        return buffers[slot(seq)].retainedDuplicate();
    }

    /** Whether packet {@code seq} (which must be held) starts a video key frame. */
    synchronized boolean isKeyStart(long seq) {
        return seq >= first && seq < next && keyStarts[slot(seq)];
    }

    /** The oldest sequence number held. */
    synchronized long first() {
        return first;
    }

    /** The sequence number the next packet will get. */
    synchronized long next() {
        return next;
    }

    /**
     * Where a skipping client starts: the newest packet that starts a video key frame; with no
     * video, the newest packet; -1 when video is expected but no key frame start is held (the
     * client then waits for the next one).
     */
    synchronized long joinPoint(boolean video) {
        return joinPoint(video, 0);
    }

    /**
     * Where a new client starts so that its first burst holds at least {@code minBurstMillis} of
     * the broadcast (by send time) when the ring has it: the newest key frame start at least that
     * old, else the oldest one held (with no video: the newest packet at least that old, else the
     * oldest). A player decodes its first picture as soon as its demuxer has seen enough of every
     * stream; a join just after a key frame would give it almost nothing and leave it waiting for
     * live data. -1 when video is expected but no key frame start is held.
     */
    synchronized long joinPoint(boolean video, long minBurstMillis) {
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

    /** Releases every packet; sequence numbers keep counting. */
    synchronized void clear() {
        while (next > first) {
            dropOldest();
        }
    }

    /** Bytes held (framing included). */
    synchronized long bytes() {
        return bytes;
    }

    private void dropOldest() {
        int i = slot(first);
        bytes -= buffers[i].readableBytes();
        buffers[i].release();
        buffers[i] = null;
        first++;
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
