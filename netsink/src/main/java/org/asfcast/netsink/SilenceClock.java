package org.asfcast.netsink;

/**
 * When a silent broadcast owes its players a keep-alive packet: once {@code intervalNanos} have
 * passed since the last data packet, and again every {@code intervalNanos} while the silence
 * lasts. Some players leave a stream that sends nothing for a while (MPlayer after ~20 s), although
 * the broadcast is alive and its source will resume. Pure: the caller passes the time; the writer
 * reports packets from its thread, one timer asks.
 */
final class SilenceClock {

    private final long intervalNanos;
    private volatile long lastPacket;
    private volatile boolean heard;
    private long lastFill; // these two: the timer's thread only
    private long fillFollowed; // the lastPacket value the last fill came after
    private boolean filled;

    SilenceClock(long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("the keep-alive interval must be positive");
        }
        this.intervalNanos = intervalNanos;
    }

    /** A data packet went out at {@code now} (nanoseconds, {@link System#nanoTime()} scale). */
    void packet(long now) {
        lastPacket = now;
        heard = true;
    }

    /** A new broadcast (a new header): nothing to keep alive until its first packet. */
    void reset() {
        heard = false;
    }

    /** Whether a keep-alive packet is due at {@code now}; if so, it counts as sent. */
    boolean fillDue(long now) {
        if (!heard) {
            return false;
        }
        long packetAt = lastPacket;
        long last = filled && fillFollowed == packetAt ? lastFill : packetAt;
        if (now - last < intervalNanos) {
            return false;
        }
        lastFill = now;
        fillFollowed = packetAt;
        filled = true;
        return true;
    }
}
