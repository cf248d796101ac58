package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight clients of mixed kinds and one that reads ten times too slowly: the others' packets keep
 * arriving at their normal pace, and the slow one is skipped ahead (default) or dropped.
 */
class SlowClientTest {

    @TempDir
    static Path dir;
    static Path media;

    @BeforeAll
    static void media() throws Exception {
        media = LiveBroadcast.mjpegFile(dir, 12);
    }

    /** Packets go out every 50 ms here (not the default 300 ms), so that a 400 ms pause would show. */
    private static final Duration FINE_DELIVERY = Duration.ofMillis(50);

    @Test
    void aSlowClientIsSkippedAheadAndDelaysNobody() throws Exception {
        NetworkSinkConfig config = NetworkSinkConfig.builder().maximumClients(20).ringWindow(Duration.ofSeconds(1))
                .socketSendBuffer(16 * 1024).deliveryInterval(FINE_DELIVERY)
                .stallTimeout(Duration.ofSeconds(30)).build(); // skipping is the point here, not the lag bound
        try (LiveBroadcast live = LiveBroadcast.start(media, config)) {
            Result r = run(live, Duration.ofSeconds(9));
            ClientInfo slow = r.clientsAtEnd.stream().filter(c -> c.userAgent().contains("Slow")).findFirst()
                    .orElseThrow(() -> new AssertionError("the slow client was gone before the end: " + r.clientsAtEnd));
            assertThat(slow.packetsSkipped()).isPositive();
            assertThat(r.maxGapMillis).as("longest pause seen by the eight others").isLessThan(400);
            assertThat(r.minPackets).as("fewest packets received by one of the others").isGreaterThan(r.expectedPackets * 8 / 10);
        }
    }

    @Test
    void withTheDropPolicyTheSlowClientIsDisconnected() throws Exception {
        NetworkSinkConfig config = NetworkSinkConfig.builder().maximumClients(20).ringWindow(Duration.ofSeconds(1))
                .socketSendBuffer(16 * 1024).slowClientPolicy(SlowClientPolicy.DROP).deliveryInterval(FINE_DELIVERY).build();
        try (LiveBroadcast live = LiveBroadcast.start(media, config)) {
            RecordingListener events = new RecordingListener();
            live.sink.addListener(events);
            Result r = run(live, Duration.ofSeconds(9));
            List<RecordingListener.Event> dropped = events.await(e -> e.kind().equals("disconnected")
                    && e.client().userAgent().contains("Slow"), 1, Duration.ofSeconds(1));
            assertThat(dropped.get(0).reason()).isEqualTo(DisconnectReason.SLOW);
            // It went while the others were still playing, not at the end.
            assertThat(events.events().stream().filter(e -> e.kind().equals("disconnected")).findFirst().orElseThrow()
                    .client().userAgent()).contains("Slow");
            assertThat(r.maxGapMillis).isLessThan(400);
        }
    }

    /** {@code clientsAtEnd}: the sink's clients as the run ended, before anyone hung up (the slow one stops reading then). */
    private record Result(long maxGapMillis, int minPackets, int expectedPackets, List<ClientInfo> clientsAtEnd) {
    }

    /** Eight players read normally (four MS-WMSP, four plain HTTP) while a slow one trickles. */
    private static Result run(LiveBroadcast live, Duration length) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread slow = new Thread(() -> trickle(live.port, stop));
        slow.setDaemon(true);
        slow.start();
        List<PlaySession> players = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        List<List<Long>> arrivals = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            PlaySession p = MmshClient.create().play(i % 2 == 0 ? live.mmsh() : live.http());
            players.add(p);
            List<Long> times = new ArrayList<>();
            arrivals.add(times);
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get() && p.nextPacket().isPresent()) {
                        synchronized (times) {
                            times.add(System.nanoTime());
                        }
                    }
                } catch (Exception e) {
                    // closed at the end
                }
            });
            t.setDaemon(true);
            t.start();
            readers.add(t);
        }
        long start = System.nanoTime();
        Thread.sleep(length.toMillis());
        long end = System.nanoTime();
        List<ClientInfo> atEnd = live.sink.clients();
        stop.set(true);
        long maxGap = 0;
        int minPackets = Integer.MAX_VALUE;
        for (List<Long> times : arrivals) {
            List<Long> live1;
            synchronized (times) {
                // Skip the first second: the fast-start burst, then pacing settles.
                live1 = times.stream().filter(t -> t > start + 1_000_000_000L && t <= end).toList();
            }
            minPackets = Math.min(minPackets, live1.size());
            for (int i = 1; i < live1.size(); i++) {
                maxGap = Math.max(maxGap, live1.get(i) - live1.get(i - 1));
            }
        }
        for (PlaySession p : players) {
            p.close();
        }
        for (Thread t : readers) {
            t.join(2000);
        }
        // The file's packet rate over the measured window.
        long packets = live.playout.delivered();
        long elapsed = Math.max(1, (end - start) / 1_000_000);
        int expected = (int) (packets * (elapsed - 1000) / elapsed);
        return new Result(maxGap / 1_000_000, minPackets, expected, atEnd);
    }

    /** A Play that reads 1 KiB every 100 ms (about 10 KiB/s, a tenth of the stream) until stopped. */
    private static void trickle(int port, AtomicBoolean stop) {
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.getOutputStream().write(("GET / HTTP/1.0\r\nUser-Agent: NSPlayer/4.1.0.3856 SlowReader\r\n"
                    + "Pragma: no-cache,rate=1.000000,request-context=2\r\nPragma: xPlayStrm=1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] buf = new byte[1024];
            while (!stop.get() && in.read(buf) > 0) {
                Thread.sleep(100);
            }
        } catch (Exception e) {
            // dropped, or stopped
        }
    }
}
