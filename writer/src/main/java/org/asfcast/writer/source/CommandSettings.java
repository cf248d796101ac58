package org.asfcast.writer.source;

import java.time.Duration;

/**
 * How a {@link CommandSource} keeps its command running.
 *
 * @param grace        how long after the command fails (or first starts) a header must come from
 *                     it, restarts included, before the broadcast ends; players wait this long
 * @param stallTimeout how long the command may write nothing before it counts as stalled and is killed
 * @param backoff      how long to wait before each restart
 * @param endOnExit    whether a run that exits with code 0 after its header ends the broadcast
 *                     (a finite input, such as a file transcoded once) instead of being started again
 */
public record CommandSettings(Duration grace, Duration stallTimeout, Backoff backoff, boolean endOnExit) {

    /** A 30 s grace period, a 10 s stall timeout and the {@linkplain Backoff#DEFAULT default back-off}. */
    public static final CommandSettings DEFAULT = new CommandSettings(Duration.ofSeconds(30), Duration.ofSeconds(10),
            Backoff.DEFAULT, false);

    /** A command that is started again whenever it ends, as a live encoder is. */
    public CommandSettings(Duration grace, Duration stallTimeout, Backoff backoff) {
        this(grace, stallTimeout, backoff, false);
    }

    /** Checks the durations. */
    public CommandSettings {
        if (grace.isNegative() || grace.isZero() || stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("a command source needs a positive grace period and stall timeout, not "
                    + grace + " and " + stallTimeout);
        }
        java.util.Objects.requireNonNull(backoff, "backoff");
    }

    /** These settings, with a clean exit ending the broadcast. */
    public CommandSettings endingOnExit() {
        return new CommandSettings(grace, stallTimeout, backoff, true);
    }
}
