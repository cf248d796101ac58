package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacingGridTest {

    private static final long STEP = PacingGrid.STEP_NANOS;

    @Test
    void playersWaitingFromDifferentMomentsWakeTogether() {
        long base = 7 * STEP;
        long a = base + 1_000_000;          // 1 ms past a grid instant
        long b = base + STEP / 2;            // half-way to the next
        assertThat(a + PacingGrid.delayNanos(a, STEP)).isEqualTo(base + 2 * STEP);
        assertThat(b + PacingGrid.delayNanos(b, STEP)).isEqualTo(base + 2 * STEP);
    }

    @Test
    void neverWakesEarlierThanAsked() {
        for (long now : new long[] {0, 1, STEP - 1, STEP, -STEP - 5, Long.MAX_VALUE / 4}) {
            for (long wait : new long[] {0, 1, STEP - 1, STEP, 3 * STEP + 7}) {
                long delay = PacingGrid.delayNanos(now, wait);
                assertThat(delay).as("now %d, wait %d", now, wait).isGreaterThanOrEqualTo(wait).isLessThan(wait + STEP);
                assertThat(Math.floorMod(now + delay, STEP)).isZero();
            }
        }
    }
}
