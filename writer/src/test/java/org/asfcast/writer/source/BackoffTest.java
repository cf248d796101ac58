package org.asfcast.writer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The waits before a restart: doubling to the most, and jittered between half and all of the wait. */
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(30));

    @Test
    void theWaitDoublesUpToTheMost() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delay(1000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theJitteredWaitIsBetweenHalfAndAllOfIt() {
        assertThat(backoff.jittered(1, 0)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.jittered(1, 0.5)).isEqualTo(Duration.ofMillis(375));
        assertThat(backoff.jittered(2, 0.999_999)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
        assertThat(backoff.jittered(100, 0.25)).isEqualTo(Duration.ofMillis(3125));
        assertThatThrownBy(() -> backoff.jittered(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.jittered(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
