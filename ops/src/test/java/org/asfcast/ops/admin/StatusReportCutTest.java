package org.asfcast.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Histogram;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.asfcast.netsink.BroadcastPoint;
import org.asfcast.netsink.ClientInfo;
import org.asfcast.netsink.PointSettings;
import org.asfcast.netsink.PublishingPoint;
import org.asfcast.netsink.wire.ClientProtocol;
import org.asfcast.ops.metrics.PointCounts;
import org.asfcast.ops.metrics.RateMeter;
import org.asfcast.ops.metrics.ServerTally;
import org.junit.jupiter.api.Test;

/** A status made for a view that lists so many players a point (the status page) lists the first ones and counts all. */
class StatusReportCutTest {

    private static PointCounts counts(int players) throws Exception {
        List<ClientInfo> clients = new ArrayList<>();
        for (int i = 1; i <= players; i++) {
            clients.add(new ClientInfo(i, InetAddress.getLoopbackAddress(), 40000 + i, Optional.empty(), "NSPlayer/9.0",
                    ClientProtocol.MS_WMSP, Instant.parse("2026-12-03T08:00:00Z"), 1000, 0, 0));
        }
        Map<ClientProtocol, Integer> n = new EnumMap<>(Map.of(ClientProtocol.MS_WMSP, players, ClientProtocol.PLAIN_HTTP, 0));
        Map<ClientProtocol, Long> bytes = new EnumMap<>(Map.of(ClientProtocol.MS_WMSP, 1000L * players,
                ClientProtocol.PLAIN_HTTP, 0L));
        Map<ClientProtocol, Long> skips = new EnumMap<>(Map.of(ClientProtocol.MS_WMSP, 0L, ClientProtocol.PLAIN_HTTP, 0L));
        return new PointCounts(clients, n, bytes, skips);
    }

    @Test
    void eachPointListsAtMostTheFirstPlayersAndCountsEveryOne() throws Exception {
        Map<String, PublishingPoint> points = new TreeMap<>(Map.of(
                "/big", new BroadcastPoint("/big", PointSettings.defaults()),
                "/small", new BroadcastPoint("/small", PointSettings.defaults())));
        Map<String, PointCounts> counts = Map.of("/big", counts(1200), "/small", counts(3));
        ServerTally tally = new ServerTally(Histogram.builder().name("j").register(new io.prometheus.metrics.model.registry.PrometheusRegistry()),
                Histogram.builder().name("p").register(new io.prometheus.metrics.model.registry.PrometheusRegistry()));
        AdminActions actions = new RunningSources();
        StatusReport cut = StatusReport.of("test", Instant.now(), points, counts, tally, new RateMeter(), actions, 0, 0, 500);
        assertThat(cut.points().get(0).clients()).hasSize(500)
                .extracting(StatusReport.Client::id).startsWith(1L, 2L).endsWith(500L);
        assertThat(cut.points().get(0).players()).isEqualTo(1200);
        assertThat(cut.points().get(0).peakPlayers()).isEqualTo(1200);
        assertThat(cut.points().get(1).clients()).hasSize(3);
        assertThat(cut.server().players()).isEqualTo(1203);
        StatusReport whole = StatusReport.of("test", Instant.now(), points, counts, tally, new RateMeter(), actions, 0, 0,
                Integer.MAX_VALUE);
        assertThat(whole.points().get(0).clients()).hasSize(1200);
    }
}
