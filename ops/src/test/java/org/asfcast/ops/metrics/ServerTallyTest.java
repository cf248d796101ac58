package org.asfcast.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Histogram;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.asfcast.netsink.ClientInfo;
import org.asfcast.netsink.DisconnectReason;
import org.asfcast.netsink.PlayerEvent;
import org.asfcast.netsink.PlayerRequest;
import org.asfcast.netsink.Refusal;
import org.asfcast.netsink.wire.ClientProtocol;
import org.junit.jupiter.api.Test;

/** What the tally keeps from the events: ended sessions' counts by protocol, ends by reason, peaks, refusals. */
class ServerTallyTest {

    private final Histogram joins = Histogram.builder().name("j").labelNames("point", "protocol").classicOnly().build();
    private final Histogram passes = Histogram.builder().name("p").classicOnly().build();
    private final ServerTally tally = new ServerTally(joins, passes);

    private static PlayerEvent event(String point, long id, ClientProtocol protocol, long bytes, long skips) throws Exception {
        ClientInfo c = new ClientInfo(id, InetAddress.getLoopbackAddress(), 5000, Optional.empty(), "NSPlayer/9.0",
                protocol, Instant.now(), bytes, skips, 0);
        return new PlayerEvent(point, false, c, new PlayerRequest(point, Optional.empty(), Optional.empty(), id, 0),
                Duration.ofMillis(120));
    }

    private static Refusal refusal(String point, int status) {
        return new Refusal(point, new InetSocketAddress("127.0.0.1", 5000), "", "/x", status, "no", Instant.now());
    }

    @Test
    void endedSessionsAddUpByProtocolAndReason() throws Exception {
        tally.playerStarted(event("/tv", 1, ClientProtocol.MS_WMSP, 0, 0));
        tally.playerStarted(event("/tv", 2, ClientProtocol.PLAIN_HTTP, 0, 0));
        tally.playerEnded(event("/tv", 1, ClientProtocol.MS_WMSP, 1000, 3), DisconnectReason.SLOW);
        tally.playerEnded(event("/tv", 2, ClientProtocol.PLAIN_HTTP, 500, 0), DisconnectReason.KICKED);
        tally.playerStarted(event("/tv", 3, ClientProtocol.MS_WMSP, 0, 0));
        tally.playerEnded(event("/tv", 3, ClientProtocol.MS_WMSP, 10, 0), DisconnectReason.DISPLACED);
        PointTally tv = tally.point("/tv");
        assertThat(tv.endedBytes(ClientProtocol.MS_WMSP)).isEqualTo(1010);
        assertThat(tv.endedBytes(ClientProtocol.PLAIN_HTTP)).isEqualTo(500);
        assertThat(tv.endedSkips(ClientProtocol.MS_WMSP)).isEqualTo(3);
        assertThat(tv.ends(DisconnectReason.KICKED)).isEqualTo(1);
        assertThat(tv.dropped()).as("slow and displaced").isEqualTo(2);
        assertThat(tv.peakPlayers()).isEqualTo(2);
        assertThat(joins.labelValues("/tv", "mmsh").getCount()).isEqualTo(2);
        assertThat(joins.labelValues("/tv", "http").getSum()).isEqualTo(0.12);
        assertThat(tally.point("/radio").peakPlayers()).isZero();
    }

    @Test
    void aTallyMadeWhilePlayersWereOnNeverCountsBelowZero() throws Exception {
        tally.playerEnded(event("/tv", 1, ClientProtocol.MS_WMSP, 10, 0), DisconnectReason.CLIENT_LEFT);
        tally.playerStarted(event("/tv", 2, ClientProtocol.MS_WMSP, 0, 0));
        assertThat(tally.point("/tv").peakPlayers()).isEqualTo(1);
    }

    @Test
    void refusalsCountByPointAndServerWide() {
        tally.refused(refusal("/tv", 503));
        tally.refused(refusal("/tv", 503));
        tally.refused(refusal("", 404));
        assertThat(tally.point("/tv").refusals()).isEqualTo(Map.of(503, 2L));
        assertThat(tally.refusals()).isEqualTo(Map.of(404, 1L, 503, 2L));
    }

    @Test
    void deliveryPassesAreTimedInSeconds() {
        tally.deliveryPass(2_000_000, 10);
        assertThat(passes.getCount()).isEqualTo(1);
        assertThat(passes.getSum()).isEqualTo(0.002);
    }
}
