package org.asfcast.writer;

import java.util.concurrent.TimeUnit;

/** Waits for a moment on the {@link System#nanoTime()} clock, the writer's monotonic real-time clock. */
final class PacingClock {
    private PacingClock() {
    }

    /** Returns once {@code deadlineNanos} has passed; at once if it already has. */
    static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while pacing");
        }
    }
}
