package org.asfcast.ops.page;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each point's outgoing bit rate over the last ten minutes, for the status page's chart: the
 * point's cumulative bytes out read once a second ({@link #sample}), 600 samples a point in a ring
 * of its own. A page opened late gets the whole window at once ({@link #snapshot}), then each new
 * sample ({@link #newest}) as it comes. A point no longer published is forgotten at the next sample.
 *
 * <p>Thread-safe: sampled on the status page's clock thread, read on the admin listener's.
 */
public final class BitrateHistory {

    /** Ten minutes of one sample a second. */
    public static final int SAMPLES = 600;

    private final int capacity;
    private final Map<String, BitrateRing> rings = new LinkedHashMap<>();

    /** A history of {@link #SAMPLES} samples a point. */
    public BitrateHistory() {
        this(SAMPLES);
    }

    /** A history of {@code capacity} samples a point. */
    public BitrateHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a history of " + capacity + " samples a point");
        }
        this.capacity = capacity;
    }

    /**
     * Reads every published point's cumulative bytes out at {@code atMillis} (ms since the epoch),
     * in the order the points are listed; points missing from {@code bytesOutByPath} are dropped.
     */
    public synchronized void sample(Map<String, Long> bytesOutByPath, long atMillis) {
        rings.keySet().retainAll(bytesOutByPath.keySet());
        bytesOutByPath.forEach((path, bytes) -> rings.computeIfAbsent(path, p -> new BitrateRing(capacity))
                .record(bytes, atMillis));
    }

    /** Every point's kept samples, oldest first. */
    public synchronized History snapshot() {
        List<PointHistory> points = new ArrayList<>(rings.size());
        rings.forEach((path, ring) -> points.add(new PointHistory(path, ring.newestAtMillis(), ring.samples())));
        return new History(1, 1, points);
    }

    /** The newest sample of each point that has one: what a page adds to its chart each second. */
    public synchronized Sample newest() {
        Map<String, Long> rates = new LinkedHashMap<>();
        long at = 0;
        for (Map.Entry<String, BitrateRing> e : rings.entrySet()) {
            if (e.getValue().count() > 0) {
                rates.put(e.getKey(), e.getValue().newest());
                at = Math.max(at, e.getValue().newestAtMillis());
            }
        }
        return new Sample(at, rates);
    }

    /**
     * {@code GET /api/v1/history}.
     *
     * @param schema          the document's version (1)
     * @param intervalSeconds seconds between two samples
     * @param points          each published point's history
     */
    public record History(int schema, int intervalSeconds, List<PointHistory> points) {
    }

    /**
     * One point's samples.
     *
     * @param path          the point's path
     * @param newestAtMillis when the last sample was taken (ms since the epoch; 0 before the first)
     * @param bitsPerSecond its outgoing bit rate each second, oldest first, at most ten minutes
     */
    public record PointHistory(String path, long newestAtMillis, long[] bitsPerSecond) {
    }

    /**
     * The newest sample of every point, sent to open pages as the {@code sample} event.
     *
     * @param atMillis      when it was taken (ms since the epoch)
     * @param bitsPerSecond each point's outgoing bit rate in the last second, by path
     */
    public record Sample(long atMillis, Map<String, Long> bitsPerSecond) {
    }
}
