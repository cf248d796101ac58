package org.asfcast.client.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an origin resends after a reconnect is left out; a restarted origin, or another header, goes whole. */
class ReplayedStartTest {

    private static List<Long> kept(ReplayedStart r, long... sendTimes) {
        List<Long> kept = new ArrayList<>();
        for (long t : sendTimes) {
            if (r.keep(t)) {
                kept.add(t);
            }
        }
        return kept;
    }

    @Test
    void theOriginsReplayOfWhatTheEdgeHadIsLeftOut() {
        ReplayedStart r = new ReplayedStart();
        r.reconnected(false);
        assertThat(kept(r, 10_000, 10_040, 10_080)).containsExactly(10_000L, 10_040L, 10_080L);
        r.reconnected(true);
        assertThat(kept(r, 8_000, 9_000, 10_080, 10_120, 10_100, 10_160)).containsExactly(10_120L, 10_100L, 10_160L);
    }

    @Test
    void anOriginRestartedFromTheStartIsRelayedWhole() {
        ReplayedStart r = new ReplayedStart();
        r.reconnected(false);
        kept(r, 60_000);
        r.reconnected(true);
        assertThat(kept(r, 0, 40, 80)).containsExactly(0L, 40L, 80L);
    }

    @Test
    void anOriginThatMovedOnOrChangedItsHeaderIsRelayedWhole() {
        ReplayedStart r = new ReplayedStart();
        r.reconnected(false);
        kept(r, 60_000);
        r.reconnected(true);
        assertThat(kept(r, 61_000, 59_000)).containsExactly(61_000L, 59_000L);
        r.reconnected(false);
        assertThat(kept(r, 58_000, 61_000)).containsExactly(58_000L, 61_000L);
    }

    @Test
    void anOriginYoungerThanTheWindowIsRelayedWholeSinceARestartLooksTheSame() {
        ReplayedStart r = new ReplayedStart();
        r.reconnected(false);
        kept(r, 1_000, 3_000);
        r.reconnected(true);
        assertThat(kept(r, 1_000, 2_000, 3_000)).containsExactly(1_000L, 2_000L, 3_000L);
    }

    @Test
    void theFirstConnectionIsRelayedWhole() {
        ReplayedStart r = new ReplayedStart();
        r.reconnected(true);
        assertThat(kept(r, 0, 0, 40)).containsExactly(0L, 0L, 40L);
    }
}
