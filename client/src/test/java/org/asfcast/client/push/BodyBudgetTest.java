package org.asfcast.client.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Length-Remaining (MS-WMHTTP §3.1.4.3): a body ends exactly at its Content-Length, filled by $F. */
class BodyBudgetTest {

    @Test
    void aFrameFitsWhenItFillsTheBodyOrLeavesRoomForAFiller() {
        BodyBudget budget = new BodyBudget(1000);
        assertThat(budget.fits(1000)).isTrue();
        assertThat(budget.fits(996)).isTrue();
        assertThat(budget.fits(997)).as("3 bytes left could hold no frame").isFalse();
        assertThat(budget.fits(999)).isFalse();
        budget.spend(996);
        assertThat(budget.remaining()).isEqualTo(4);
        assertThatThrownBy(() -> budget.spend(3)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fillersCompleteTheBodyExactlyInFramesTheFramingCanSay() {
        for (long remaining : new long[] {4, 5, 7, 8, 1000, 65_538, 65_539, 65_540, 65_542, 65_543, 131_078, 131_080, 200_001}) {
            BodyBudget budget = new BodyBudget(remaining);
            List<byte[]> fillers = budget.fill();
            assertThat(fillers.stream().mapToLong(f -> f.length).sum()).as("fill of %d", remaining).isEqualTo(remaining);
            assertThat(fillers).allSatisfy(f -> {
                assertThat(f.length).isBetween(4, 4 + 65_535);
                assertThat(f[0]).isEqualTo((byte) 0x24);
                assertThat(f[1]).isEqualTo((byte) 'F');
                assertThat((f[2] & 0xFF | (f[3] & 0xFF) << 8) + 4).isEqualTo(f.length);
            });
            assertThat(budget.isComplete()).isTrue();
        }
    }
}
