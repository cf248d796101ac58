package org.asfcast.writer.source;

import java.time.Duration;

/**
 * How a {@link CommandSource} keeps its command running.
 *
 * @param grace        how long after the command fails (or first starts) a header must come from
 *                     it, restarts included, before the broadcast ends; players wait this long
 * @param stallTimeout how long the command may write nothing before it counts as stalled and is killed
 * @param backoff      how long to wait before each restart
 */
public record CommandSettings(Duration grace, Duration stallTimeout, Backoff backoff) {

    /** A 30 s grace period, a 10 s stall timeout and the {@linkplain Backoff#DEFAULT default back-off}. */
    public static final CommandSettings DEFAULT = new CommandSettings(Duration.ofSeconds(30), Duration.ofSeconds(10),
            Backoff.DEFAULT);

    /** Checks the durations. */
    public CommandSettings {
        if (grace.isNegative() || grace.isZero() || stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("a command source needs a positive grace period and stall timeout, not "
                    + grace + " and " + stallTimeout);
        }
        java.util.Objects.requireNonNull(backoff, "backoff");
    }
}
