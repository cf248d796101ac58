package org.asfcast.ops.page;

/**
 * One point's outgoing bit rate, one sample a second, the newest {@code capacity} kept: a ring of
 * longs that never grows. A sample is the rate over the last {@link #SPAN} readings of the point's
 * cumulative bytes out (fewer at the start; the first reading only sets the baseline): players are
 * served in delivery passes every 300 ms, which fall three or four to a second, so a rate over a
 * single second would saw up and down by a quarter while the stream is steady.
 */
final class BitrateRing {

    /** How many one-second steps a sample spans: three seconds hold ten 300 ms passes, always. */
    static final int SPAN = 3;

    private final long[] bitsPerSecond;
    private int next;
    private int count;
    /** The last readings, oldest first: at most SPAN + 1. */
    private final long[] readBytes = new long[SPAN + 1];
    private final long[] readAtMillis = new long[SPAN + 1];
    private int readings;
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
        if (readings > 0 && atMillis <= readAtMillis[readings - 1]) {
            return false;
        }
        if (readings > 0 && bytesOut < readBytes[readings - 1]) {
            // A counter that went back (a point replaced under the same path): a new baseline, and 0, not a negative rate.
            readings = 0;
            remember(bytesOut, atMillis);
            add(0, atMillis);
            return true;
        }
        remember(bytesOut, atMillis);
        if (readings == 1) {
            return false;
        }
        long bytes = bytesOut - readBytes[0];
        long elapsed = atMillis - readAtMillis[0];
        add(bytes * 8_000 / elapsed, atMillis);
        return true;
    }

    private void remember(long bytesOut, long atMillis) {
        if (readings == readBytes.length) {
            System.arraycopy(readBytes, 1, readBytes, 0, readings - 1);
            System.arraycopy(readAtMillis, 1, readAtMillis, 0, readings - 1);
            readings--;
        }
        readBytes[readings] = bytesOut;
        readAtMillis[readings] = atMillis;
        readings++;
    }

    private void add(long rate, long atMillis) {
        bitsPerSecond[next] = rate;
        next = (next + 1) % bitsPerSecond.length;
        count = Math.min(count + 1, bitsPerSecond.length);
        newestAtMillis = atMillis;
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
