package org.asfcast.writer.source;

import java.time.Duration;

/**
 * How long to wait before starting a failed command again: {@code first}, then twice as long after
 * each failure in a row, never more than {@code max}. A run that lasted {@code steadyRun} or more
 * was a good one: the next failure waits {@code first} again.
 *
 * @param first     the wait after the first failure
 * @param max       the longest wait
 * @param steadyRun how long a run must last for the waits to start again from {@code first}
 */
public record Backoff(Duration first, Duration max, Duration steadyRun) {

    /** 0.5 s, 1 s, 2 s ... at most 10 s; reset by a run of 30 s. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(30));

    /** Checks the durations. */
    public Backoff {
        if (first.isNegative() || max.compareTo(first) < 0 || steadyRun.isNegative()) {
            throw new IllegalArgumentException("a back-off needs 0 <= first <= max and steadyRun >= 0, not first "
                    + first + ", max " + max + ", steadyRun " + steadyRun);
        }
    }

    /** The wait after {@code failures} failures in a row (1 for the first). */
    public Duration delay(int failures) {
        Duration delay = first;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /**
     * The wait after {@code failures} failures in a row, jittered: between half of {@link #delay}
     * and all of it, {@code random} (0 inclusive to 1 exclusive) saying where. Many edges that lost
     * one origin then come back spread out instead of all at once.
     */
    public Duration jittered(int failures, double random) {
        if (!(random >= 0 && random < 1)) {
            throw new IllegalArgumentException("random must be in [0, 1), not " + random);
        }
        long full = delay(failures).toNanos();
        return Duration.ofNanos(full / 2 + (long) (full / 2.0 * random));
    }
}
