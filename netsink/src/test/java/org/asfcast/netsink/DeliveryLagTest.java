package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryLagTest {

    @Test
    void aClientThatTakesEverythingIsNotBehindEvenWhenTheSourceStalls() {
        DeliveryLag lag = new DeliveryLag(1_000);
        lag.written(5_000, 1_000);
        assertThat(lag.lagMillis(5_000, 1_000)).isZero();
        lag.written(6_000, 1_300);
        assertThat(lag.lagMillis(6_000, 1_300)).isZero();
        // Nothing new for a minute of wall time: the broadcast clock stands still, so does the lag.
        assertThat(lag.lagMillis(6_000, 1_300)).isZero();
    }

    @Test
    void aClientThatStopsTakingFallsBehindAtTheBroadcastsPace() {
        DeliveryLag lag = new DeliveryLag(1_000);
        lag.written(5_000, 1_000);
        lag.written(6_000, 1_300);
        assertThat(lag.lagMillis(5_500, 1_300)).as("what it has wholly taken was sent at join").isEqualTo(300);
        lag.written(7_000, 1_600);
        // It takes nothing more; written data waits and the broadcast moves on.
        assertThat(lag.lagMillis(5_500, 11_000)).isEqualTo(10_000);
        assertThat(lag.lagMillis(6_000, 11_000)).as("took up to the packet sent at 1,300").isEqualTo(9_700);
    }

    @Test
    void whatIsSentOnJoiningIsNotHeldAgainstIt() {
        DeliveryLag lag = new DeliveryLag(4_000); // the burst ends at the newest packet, sent at 4,000
        lag.written(200_000, 4_000);
        assertThat(lag.lagMillis(0, 4_300)).isEqualTo(300);
    }

    @Test
    void marksStayBoundedForALaggard() {
        DeliveryLag lag = new DeliveryLag(0);
        for (int i = 1; i <= 10 * DeliveryLag.MAX_MARKS; i++) {
            lag.written(i * 100L, i * 10L);
        }
        // The newest mark absorbed the later writes: the lag can only look larger, never smaller.
        assertThat(lag.lagMillis(DeliveryLag.MAX_MARKS * 100L, 30_000)).isEqualTo(30_000 - (DeliveryLag.MAX_MARKS - 1) * 10L);
        assertThat(lag.lagMillis(10 * DeliveryLag.MAX_MARKS * 100L, 30_000)).isZero();
    }
}
