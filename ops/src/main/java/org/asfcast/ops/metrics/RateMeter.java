package org.asfcast.ops.metrics;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Outgoing bit rates, from byte totals sampled once a second: the rate of a key is what its total
 * grew by over the last {@link #WINDOW_NANOS} (or since its first sample), in bits per second.
 * Thread-safe (the sampler writes, status requests read).
 */
public final class RateMeter {

    /** The window a rate is averaged over: long enough to smooth a pass's bursts, short enough to follow a change. */
    static final long WINDOW_NANOS = 10_000_000_000L;

    private record Sample(long nanos, long bytes) {
    }

    private final Map<String, Deque<Sample>> samples = new HashMap<>();

    /** Records {@code key}'s byte total at {@code nanos}. */
    public synchronized void sample(String key, long bytes, long nanos) {
        Deque<Sample> d = samples.computeIfAbsent(key, k -> new ArrayDeque<>());
        d.addLast(new Sample(nanos, bytes));
        while (d.size() > 2 && nanos - d.peekFirst().nanos() > WINDOW_NANOS) {
            d.removeFirst();
        }
    }

    /** The bit rate of {@code key} over the window; 0 before two samples. */
    public synchronized long bitsPerSecond(String key) {
        Deque<Sample> d = samples.get(key);
        if (d == null || d.size() < 2) {
            return 0;
        }
        Sample first = d.peekFirst();
        Sample last = d.peekLast();
        long nanos = last.nanos() - first.nanos();
        long bytes = Math.max(0, last.bytes() - first.bytes());
        return nanos <= 0 ? 0 : (long) (bytes * 8 * 1e9 / nanos);
    }

    /** Forgets every key not in {@code keep}. */
    public synchronized void retain(java.util.Set<String> keep) {
        samples.keySet().retainAll(keep);
    }
}
