package org.asfcast.ops.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BitrateHistoryTest {

    private static final long T0 = 1_780_000_000_000L;

    @Test
    void aSampleIsTheRateSinceTheFirstReadingAtTheStart() {
        BitrateHistory history = new BitrateHistory();
        history.sample(Map.of("/tv", 1_000L), T0);
        assertThat(history.snapshot().points()).singleElement()
                .satisfies(p -> assertThat(p.bitsPerSecond()).as("the first reading is the baseline").isEmpty());
        history.sample(Map.of("/tv", 1_000L + 125_000), T0 + 1_000);
        history.sample(Map.of("/tv", 1_000L + 125_000), T0 + 2_000);
        BitrateHistory.PointHistory tv = history.snapshot().points().get(0);
        assertThat(tv.path()).isEqualTo("/tv");
        assertThat(tv.bitsPerSecond()).as("1 Mbit/s over a second, then the same bytes over two").containsExactly(1_000_000, 500_000);
        assertThat(tv.newestAtMillis()).isEqualTo(T0 + 2_000);
        assertThat(history.newest()).isEqualTo(new BitrateHistory.Sample(T0 + 2_000, Map.of("/tv", 500_000L)));
    }

    @Test
    void aSteadyStreamServedInPassesGivesASteadyRate() {
        // 10 kB every 300 ms: three passes in some seconds, four in others; ten in any three seconds.
        BitrateHistory history = new BitrateHistory();
        for (int second = 0; second <= 12; second++) {
            long passes = second * 1_000L / 300;
            history.sample(Map.of("/tv", passes * 10_000), T0 + second * 1_000L);
        }
        long[] rates = history.snapshot().points().get(0).bitsPerSecond();
        assertThat(rates).hasSize(12);
        assertThat(java.util.Arrays.copyOfRange(rates, 2, 12)).as("from the third sample on, ten passes in three seconds")
                .containsOnly(800_000L / 3);
    }

    @Test
    void tenMinutesAreKeptAndNoMore() {
        BitrateHistory history = new BitrateHistory();
        long bytes = 0;
        for (int second = 0; second <= 700; second++) {
            history.sample(Map.of("/tv", bytes), T0 + second * 1_000L);
            bytes += second < 300 ? 1_000 : 2_000;
        }
        BitrateHistory.PointHistory tv = history.snapshot().points().get(0);
        assertThat(tv.bitsPerSecond()).hasSize(BitrateHistory.SAMPLES);
        assertThat(tv.bitsPerSecond()[0]).as("the oldest kept: second 101").isEqualTo(8_000);
        assertThat(tv.bitsPerSecond()[599]).as("the newest: second 700").isEqualTo(16_000);
        assertThat(tv.newestAtMillis()).isEqualTo(T0 + 700_000);
    }

    @Test
    void aPointGoneIsForgottenAndACounterThatGoesBackIsNotANegativeRate() {
        BitrateHistory history = new BitrateHistory(4);
        Map<String, Long> both = new LinkedHashMap<>();
        both.put("/tv", 0L);
        both.put("/radio", 0L);
        history.sample(both, T0);
        both.put("/tv", 1_000L);
        both.put("/radio", 500L);
        history.sample(both, T0 + 1_000);
        history.sample(Map.of("/tv", 10L), T0 + 2_000);
        assertThat(history.snapshot().points()).extracting(BitrateHistory.PointHistory::path).containsExactly("/tv");
        assertThat(history.snapshot().points().get(0).bitsPerSecond()).as("a point replaced under its path: 0, not negative")
                .containsExactly(8_000, 0);
        history.sample(Map.of("/tv", 1_010L), T0 + 3_000);
        assertThat(history.snapshot().points().get(0).bitsPerSecond()).containsExactly(8_000, 0, 8_000);
        history.sample(Map.of("/tv", 1_010L, "/radio", 7_000L), T0 + 4_000);
        assertThat(history.newest().bitsPerSecond()).as("/radio is back with a fresh baseline, no sample yet")
                .containsOnlyKeys("/tv");
    }

    @Test
    void aReadingNoLaterThanTheLastIsIgnored() {
        BitrateHistory history = new BitrateHistory();
        history.sample(Map.of("/tv", 0L), T0);
        history.sample(Map.of("/tv", 1_000L), T0);
        history.sample(Map.of("/tv", 1_000L), T0 + 1_000);
        assertThat(history.snapshot().points().get(0).bitsPerSecond()).containsExactly(8_000);
    }

    @Test
    void theHistoryDocument() throws Exception {
        BitrateHistory history = new BitrateHistory();
        history.sample(Map.of("/tv", 0L), T0);
        history.sample(Map.of("/tv", 250L), T0 + 1_000);
        JsonNode doc = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(history.snapshot()));
        assertThat(doc.get("schema").asInt()).isEqualTo(1);
        assertThat(doc.get("intervalSeconds").asInt()).isEqualTo(1);
        assertThat(doc.get("points").isArray()).isTrue();
        JsonNode tv = doc.get("points").get(0);
        assertThat(tv.get("path").asText()).isEqualTo("/tv");
        assertThat(tv.get("newestAtMillis").asLong()).isEqualTo(T0 + 1_000);
        assertThat(tv.get("bitsPerSecond").isArray()).isTrue();
        assertThat(tv.get("bitsPerSecond").get(0).asLong()).isEqualTo(2_000);
        JsonNode idle = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(new BitrateHistory().snapshot()));
        assertThat(idle.get("points").isArray()).as("no points: still an array").isTrue();
    }

    @Test
    void aHistoryHoldsAtLeastOneSample() {
        assertThatThrownBy(() -> new BitrateHistory(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
