package org.asfcast.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a group of {@link LoadGenerator} players measured, counted and sorted once the run is over:
 * how many connected, got data, stalled (no data for longer than the stall threshold, or none at
 * all), were cut off or refused, how many files the on-demand ones finished, and the distributions
 * of their join times, longest gaps and average bit rates.
 */
final class PlayerTally {

    int players;
    int connected;
    int ok;
    int gotData;
    int stalled;
    int cutOff;
    int refused;
    int socketErrors;
    int noKeyFrame;
    long parseErrors;
    /** Files played to their end, and the players that finished at least one. */
    int filesFinished;
    int playersFinished;
    /** Connections made beyond each player's first: on to the next file. */
    int reconnections;
    long[] joinData = new long[0];
    long[] joinKey = new long[0];
    long[] maxGap = new long[0];
    long[] bitrate = new long[0];
    /** Players whose longest gap passed 1 s, by the second of the run it ended in, per worker thread. */
    final TreeMap<Long, int[]> longGapsEnded = new TreeMap<>();
    final Map<String, Integer> failures = new LinkedHashMap<>();

    /**
     * Counts {@code all}, whose clock readings are {@link System#nanoTime()} values; {@code t0} is
     * the run's start, {@code threads} the number of generator threads (player i is on thread i mod threads).
     */
    static PlayerTally of(List<LoadClient> all, long t0, long stallMillis, int threads) {
        PlayerTally t = new PlayerTally();
        long stallNanos = stallMillis * 1_000_000L;
        List<Long> jd = new ArrayList<>();
        List<Long> jk = new ArrayList<>();
        List<Long> gaps = new ArrayList<>();
        List<Long> rates = new ArrayList<>();
        for (LoadClient c : all) {
            t.players++;
            if (c.connected >= 0) {
                t.connected++;
            }
            if (c.status == 200) {
                t.ok++;
            }
            if (c.failure != null) {
                String kind = c.failure.replaceAll("\\(.*", "").trim();
                t.failures.merge(kind, 1, Integer::sum);
                if (c.failure.startsWith("cannot")) {
                    t.socketErrors++;
                } else if (c.failure.startsWith("refused")) {
                    t.refused++;
                }
            }
            if (c.cutOff) {
                t.cutOff++;
            }
            t.filesFinished += c.filesFinished;
            if (c.filesFinished > 0) {
                t.playersFinished++;
            }
            t.reconnections += c.connections - 1;
            t.parseErrors += c.parseErrors;
            if (c.firstData < 0 || c.maxGapNanos > stallNanos) {
                t.stalled++;
            }
            if (c.firstData >= 0) {
                t.gotData++;
                jd.add(c.firstData - c.connectStart);
                gaps.add(c.maxGapNanos);
                if (c.maxGapNanos > 1_000_000_000L) {
                    t.longGapsEnded.computeIfAbsent((c.maxGapEnd - t0) / 1_000_000_000L, k -> new int[threads])
                            [c.index % threads]++;
                }
                if (c.firstKey >= 0) {
                    jk.add(c.firstKey - c.connectStart);
                } else {
                    t.noKeyFrame++;
                }
                double life = (Math.max(c.ended, c.firstData) - c.connectStart) / 1e9;
                if (life > 0) {
                    rates.add((long) (c.bodyBytes * 8 / life));
                }
            }
        }
        t.joinData = sorted(jd);
        t.joinKey = sorted(jk);
        t.maxGap = sorted(gaps);
        t.bitrate = sorted(rates);
        return t;
    }

    private static long[] sorted(List<Long> values) {
        long[] a = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a;
    }

    /** The {@code p}th percentile (nearest rank) of {@code sorted}; NaN when it is empty. */
    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The players that never stalled. */
    int stallFree() {
        return players - stalled;
    }
}
