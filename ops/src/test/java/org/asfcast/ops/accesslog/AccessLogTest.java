package org.asfcast.ops.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.asfcast.netsink.ClientInfo;
import org.asfcast.netsink.DisconnectReason;
import org.asfcast.netsink.PlayerEvent;
import org.asfcast.netsink.PlayerReport;
import org.asfcast.netsink.PlayerRequest;
import org.asfcast.netsink.Refusal;
import org.asfcast.netsink.wire.ClientProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access log's decisions on made-up events: matching a log to its session, the wait for it, its bound, reconfiguring. */
class AccessLogTest {

    @TempDir
    Path dir;

    private AccessLog open(AccessLogSettings settings) {
        return new AccessLog(settings, new AccessLog.ServerName("192.0.2.1", "radio.example.org"), p -> List.of(),
                java.time.Clock.systemUTC(), () -> -1, (file, max) -> new AccessLogWriter(file, max, "asfcast test"));
    }

    private AccessLogSettings to(String file) {
        return new AccessLogSettings(Optional.of(dir.resolve(file)), Map.of(), Duration.ZERO, 0);
    }

    @Test
    void aLogFromAnotherAddressOrIdDoesNotMerge() throws Exception {
        AccessLog log = open(to("a.log"));
        PlayerEvent e = event(1, "10.0.0.1", 77, Optional.of("{G}"), ClientProtocol.MS_WMSP);
        log.playerStarted(e);
        log.playerEnded(e, DisconnectReason.CLIENT_LEFT);
        log.playerReport(report("10.0.0.2", OptionalLong.of(77), Optional.of("{G}")));
        log.playerReport(report("10.0.0.1", OptionalLong.of(78), Optional.empty()));
        log.close();
        List<Map<String, String>> lines = W3cLog.read(dir.resolve("a.log")).entries();
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.get("c-status")).isEqualTo("408");
            assertThat(l.get("s-cpu-util")).isEqualTo("-");
            assertThat(l.get("s-ip")).isEqualTo("192.0.2.1");
        });
    }

    @Test
    void byGuidTheNewestSessionOfThatAddressGetsTheLog() throws Exception {
        AccessLog log = open(to("a.log"));
        PlayerEvent older = event(1, "10.0.0.1", 1, Optional.of("{G}"), ClientProtocol.MS_WMSP);
        PlayerEvent newer = event(2, "10.0.0.1", 2, Optional.of("{G}"), ClientProtocol.MS_WMSP);
        log.playerStarted(older);
        log.playerStarted(newer);
        log.playerReport(report("10.0.0.1", OptionalLong.empty(), Optional.of("{G}")));
        log.playerEnded(newer, DisconnectReason.END_OF_STREAM);
        log.playerEnded(older, DisconnectReason.CLIENT_LEFT);
        log.close();
        List<Map<String, String>> lines = W3cLog.read(dir.resolve("a.log")).entries();
        assertThat(lines).hasSize(2);
        assertThat(lines).filteredOn(l -> l.get("s-session-id").equals("2")).singleElement()
                .satisfies(l -> assertThat(l.get("c-status")).isEqualTo("200"));
        assertThat(lines).filteredOn(l -> l.get("s-session-id").equals("1")).singleElement()
                .satisfies(l -> assertThat(l.get("c-status")).isEqualTo("408"));
    }

    @Test
    void atMostTenThousandWaitTheOldestIsWrittenAtOnce() throws Exception {
        AccessLog log = open(to("a.log"));
        for (int i = 0; i <= AccessLog.MOST_WAITING; i++) {
            PlayerEvent e = event(i, "10.0.0.1", i, Optional.empty(), ClientProtocol.MS_WMSP);
            log.playerEnded(e, DisconnectReason.CLIENT_LEFT);
        }
        AccessLogWriterTest.waitFor(() -> lines(dir.resolve("a.log")) == 1);
        assertThat(Files.readAllLines(dir.resolve("a.log")).get(4)).contains(" 0 - /radio ").endsWith(" client-left");
        log.close();
        assertThat(lines(dir.resolve("a.log"))).isEqualTo(AccessLog.MOST_WAITING + 1);
    }

    @Test
    void aReconfiguredFileTakesTheNextLines() throws Exception {
        AccessLog log = open(to("a.log"));
        log.refused(refusal());
        AccessLogWriterTest.waitFor(() -> lines(dir.resolve("a.log")) == 1);
        log.reconfigure(to("b.log"));
        log.refused(refusal());
        AccessLogWriterTest.waitFor(() -> lines(dir.resolve("b.log")) == 1);
        log.reconfigure(new AccessLogSettings(Optional.empty(), Map.of(), Duration.ZERO, 0));
        log.refused(refusal());
        log.close();
        assertThat(lines(dir.resolve("a.log"))).isEqualTo(1);
        assertThat(lines(dir.resolve("b.log"))).isEqualTo(1);
        assertThat(log.settings().any()).isFalse();
    }

    @Test
    void aPlainHttpSessionIsWrittenAtOnceAndObserversNeverWait() throws Exception {
        AccessLog log = open(to("a.log"));
        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            log.refused(refusal()); // far more than its queue holds: counted, dropped, never waited for
        }
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(2).toNanos());
        PlayerEvent e = event(1, "10.0.0.1", 1, Optional.empty(), ClientProtocol.PLAIN_HTTP);
        Thread.sleep(2000);
        log.playerEnded(e, DisconnectReason.CLIENT_LEFT);
        AccessLogWriterTest.waitFor(() -> {
            try {
                return Files.readString(dir.resolve("a.log")).contains(" Lavf/60 ");
            } catch (java.io.IOException ex) {
                return false;
            }
        });
        log.close();
        assertThat(log.droppedEvents()).isPositive();
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).count() : 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PlayerEvent event(long id, String address, long clientId, Optional<String> guid, ClientProtocol protocol)
            throws Exception {
        ClientInfo info = new ClientInfo(id, InetAddress.getByName(address), 5000, Optional.empty(),
                protocol == ClientProtocol.PLAIN_HTTP ? "Lavf/60" : "NSPlayer/12.0", protocol,
                Instant.now().minusSeconds(100).plusMillis(id), 1000 + id, 0, 0); // a higher id came later
        return new PlayerEvent("/radio", false, info, new PlayerRequest("/radio", Optional.empty(), guid, clientId,
                System.nanoTime()), Duration.ZERO, 10, 0);
    }

    private static PlayerReport report(String address, OptionalLong clientId, Optional<String> guid) {
        return new PlayerReport("/radio", new InetSocketAddress(address, 6000), clientId, guid, "/radio", "NSPlayer/12.0",
                Optional.of(PlayerLogReportTest.LEGACY), "", Instant.now());
    }

    private static Refusal refusal() {
        return new Refusal("", new InetSocketAddress("10.0.0.9", 1), "VLC", "/nowhere", 404, "There is no broadcast at /nowhere.",
                Instant.now());
    }
}
