package org.asfcast.ops.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.asfcast.netsink.ClientInfo;
import org.asfcast.netsink.PlayerEvent;
import org.asfcast.netsink.PlayerRequest;
import org.asfcast.netsink.wire.ClientProtocol;
import org.junit.jupiter.api.Test;

/** The playing sessions due an interim line are found oldest first, and one that got its line goes last. */
class SessionTableTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void theSessionsDueAreTheOldestByTheirLastLine() throws Exception {
        SessionTable table = new SessionTable(Duration.ofSeconds(30), 100);
        for (int id = 1; id <= 3; id++) {
            table.started(event(id), T0.plusSeconds(id));
        }
        assertThat(table.lastLineBefore(T0.plusSeconds(1))).isEmpty();
        assertThat(table.lastLineBefore(T0.plusMillis(2500))).extracting(s -> s.started.client().id()).containsExactly(1L, 2L);

        SessionTable.Session first = table.lastLineBefore(T0.plusMillis(1500)).get(0);
        table.lineWritten(first, T0.plusSeconds(10));
        assertThat(first.lastLine).isEqualTo(T0.plusSeconds(10));
        assertThat(table.lastLineBefore(T0.plusSeconds(5))).extracting(s -> s.started.client().id()).containsExactly(2L, 3L);
        assertThat(table.lastLineBefore(T0.plusSeconds(11))).extracting(s -> s.started.client().id())
                .containsExactly(2L, 3L, 1L);
        assertThat(table.playing()).hasSize(3);
    }

    private static PlayerEvent event(long id) throws Exception {
        ClientInfo info = new ClientInfo(id, InetAddress.getByName("10.0.0." + id), 5000, Optional.empty(), "NSPlayer/12.0",
                ClientProtocol.MS_WMSP, T0, 0, 0, 0);
        return new PlayerEvent("/radio", false, info, new PlayerRequest("/radio", Optional.empty(), Optional.empty(), id,
                System.nanoTime()), Duration.ZERO, 0, 0);
    }
}
