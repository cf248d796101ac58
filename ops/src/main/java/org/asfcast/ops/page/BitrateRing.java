package org.asfcast.ops.page;

/**
 * One point's outgoing bit rate, one sample a second, the newest {@code capacity} kept: a ring of
 * longs that never grows. Each sample is the rate between two readings of the point's cumulative
 * bytes out; the first reading only sets the baseline.
 */
final class BitrateRing {

    private final long[] bitsPerSecond;
    private int next;
    private int count;
    private long lastBytes = -1;
    private long lastAtMillis;
    private long newestAtMillis;

    BitrateRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a ring of " + capacity + " samples");
        }
        this.bitsPerSecond = new long[capacity];
    }

    /**
     * Reads the point's cumulative {@code bytesOut} at {@code atMillis}; returns whether a sample
     * was added (not for the first reading, nor for one no later than the one before).
     */
    boolean record(long bytesOut, long atMillis) {
        if (lastBytes < 0 || atMillis <= lastAtMillis) {
            if (lastBytes < 0) {
                lastBytes = bytesOut;
                lastAtMillis = atMillis;
            }
            return false;
        }
        // A counter that went back (a point replaced under the same path) starts a new baseline: 0, not a negative rate.
        long bytes = Math.max(0, bytesOut - lastBytes);
        long elapsed = atMillis - lastAtMillis;
        bitsPerSecond[next] = bytes * 8_000 / elapsed;
        next = (next + 1) % bitsPerSecond.length;
        count = Math.min(count + 1, bitsPerSecond.length);
        lastBytes = bytesOut;
        lastAtMillis = atMillis;
        newestAtMillis = atMillis;
        return true;
    }

    /** The samples kept, oldest first. */
    long[] samples() {
        long[] out = new long[count];
        int oldest = (next - count + bitsPerSecond.length) % bitsPerSecond.length;
        for (int i = 0; i < count; i++) {
            out[i] = bitsPerSecond[(oldest + i) % bitsPerSecond.length];
        }
        return out;
    }

    /** The newest sample, or 0 before the first. */
    long newest() {
        return count == 0 ? 0 : bitsPerSecond[(next - 1 + bitsPerSecond.length) % bitsPerSecond.length];
    }

    /** When the newest sample was taken (ms since the epoch), or 0 before the first. */
    long newestAtMillis() {
        return newestAtMillis;
    }

    int count() {
        return count;
    }
}
