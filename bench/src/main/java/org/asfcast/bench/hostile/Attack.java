package org.asfcast.bench.hostile;

import java.util.Map;

/** One kind of hostile load, run against the server until it is done or its time is up. */
interface Attack {

    /** A short name for the report ("churn", "slowloris", ...). */
    String name();

    /**
     * Runs the attack until {@code deadlineNanos} ({@link System#nanoTime()}) at the latest,
     * counting what its connections met in {@code outcomes}.
     *
     * @return figures of its own for the report (cycles done, hold times, ...)
     */
    Map<String, Object> run(long deadlineNanos, Outcomes outcomes) throws Exception;
}
