package org.asfcast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StartSpreadTest {

    @Test
    void playerKStartsAtTheFractionalPartOfKTimesTheGoldenRatio() {
        StartSpread spread = new StartSpread(100);
        assertThat(spread.millis(0)).isZero();
        assertThat(spread.millis(1)).isEqualTo(61_803); // frac(1.618...) × 100 s
        assertThat(spread.millis(2)).isEqualTo(23_606); // frac(3.236...)
        assertThat(spread.millis(3)).isEqualTo(85_410); // frac(4.854...)
    }

    @Test
    void twoThousandPlayersSitAtDifferentPositionsSpreadEvenlyOverTheSpread() {
        StartSpread spread = new StartSpread(110);
        long[] starts = IntStream.range(0, 2000).mapToLong(spread::millis).toArray();
        Set<Long> distinct = new HashSet<>();
        int[] perTenth = new int[10];
        for (long start : starts) {
            assertThat(start).isBetween(0L, 109_999L);
            distinct.add(start);
            perTenth[(int) (start / 11_000)]++;
        }
        assertThat(distinct).hasSize(2000);
        assertThat(IntStream.of(perTenth).boxed().toList()).allSatisfy(n -> assertThat(n).isBetween(195, 205)); // random draws: about ±13
        // and so does every prefix: the first 20 players of a ramp are spread too
        assertThat(IntStream.range(0, 20).mapToLong(spread::millis).map(ms -> ms / 11_000).distinct().count()).isEqualTo(10);
    }

    @Test
    void noSpreadStartsEveryPlayerAtTheBeginning() {
        assertThat(IntStream.range(0, 100).mapToLong(new StartSpread(0)::millis).distinct()).containsExactly(0L);
    }

    @Test
    void aNegativeSpreadIsRefusedWithASentence() {
        assertThatThrownBy(() -> new StartSpread(-1)).hasMessageContaining("0 or more seconds");
        assertThatThrownBy(() -> new StartSpread(Double.NaN)).hasMessageContaining("0 or more seconds");
    }
}
