package org.asfcast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlayerMixTest {

    @Test
    void equalCountsAlternate() {
        PlayerMix mix = new PlayerMix(3, 3);
        assertThat(IntStream.range(0, 6).mapToObj(mix::isOnDemand)).containsExactly(false, true, false, true, false, true);
        assertThat(IntStream.range(0, 6).map(mix::ordinal)).containsExactly(0, 0, 1, 1, 2, 2);
    }

    @Test
    void eachKindGetsItsCountAndEveryOrdinalOnceInEveryProportion() {
        for (int[] counts : new int[][] {{2000, 2000}, {100, 7}, {7, 100}, {0, 50}, {50, 0}, {1, 1}}) {
            PlayerMix mix = new PlayerMix(counts[0], counts[1]);
            List<Integer> broadcast = new ArrayList<>();
            List<Integer> onDemand = new ArrayList<>();
            for (int i = 0; i < mix.total(); i++) {
                (mix.isOnDemand(i) ? onDemand : broadcast).add(mix.ordinal(i));
            }
            assertThat(broadcast).containsExactlyElementsOf(IntStream.range(0, counts[0]).boxed().toList());
            assertThat(onDemand).containsExactlyElementsOf(IntStream.range(0, counts[1]).boxed().toList());
        }
    }

    @Test
    void aRampOpensBothKindsAtTheirShareFromTheStart() {
        PlayerMix mix = new PlayerMix(900, 100);
        for (int window = 0; window < 1000; window += 100) {
            int from = window;
            assertThat(IntStream.range(from, from + 100).filter(mix::isOnDemand).count()).isEqualTo(10);
        }
    }

    @Test
    void noPlayersAtAllIsRefused() {
        assertThatThrownBy(() -> new PlayerMix(0, 0)).hasMessageContaining("there must be some players");
        assertThatThrownBy(() -> new PlayerMix(-1, 5)).hasMessageContaining("negative");
    }
}
