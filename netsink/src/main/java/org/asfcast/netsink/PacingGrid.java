package org.asfcast.netsink;

/**
 * Wake-up times for paced on-demand players, rounded up to a shared grid of
 * {@link ArchiveSession#PACING_INTERVAL_MS}: every player of a loop that waits wakes at the same
 * instants, so the loop leaves its wait for the sockets once per interval and serves them all
 * together, as a broadcast's delivery pass does, instead of once per player at its own moment
 * (thousands of wake-ups a second with thousands of players). Pure.
 */
final class PacingGrid {

    static final long STEP_NANOS = ArchiveSession.PACING_INTERVAL_MS * 1_000_000L;

    private PacingGrid() {
    }

    /**
     * How long to wait from {@code now} (a {@link System#nanoTime()} reading) so as to wake at the
     * first grid instant at least {@code atLeastNanos} away.
     */
    static long delayNanos(long now, long atLeastNanos) {
        long earliest = now + atLeastNanos;
        long onGrid = Math.floorDiv(earliest, STEP_NANOS) * STEP_NANOS;
        if (onGrid < earliest) {
            onGrid += STEP_NANOS;
        }
        return onGrid - now;
    }
}
