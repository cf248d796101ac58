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
import java.util.concurrent.atomic.AtomicReference;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad request gets its answer (a status and a sentence, or a closed connection),
 * while a player on the same sink keeps receiving packets without a pause.
 */
class BadRequestsTest {

    @TempDir
    Path dir;

    @Test
    void eachBadRequestIsAnsweredWhileAPlayerKeepsPlaying() throws Exception {
        // Packets every 50 ms (not the default 300 ms), so that a 400 ms pause of the player would show.
        NetworkSinkConfig config = NetworkSinkConfig.builder().requestTimeout(Duration.ofSeconds(1))
                .deliveryInterval(Duration.ofMillis(50)).build();
        assertThat(NetworkSinkConfig.defaults().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(NetworkSinkConfig.defaults().maxRequestHeadBytes()).isEqualTo(16 * 1024);
        try (LiveBroadcast live = LiveBroadcast.start(LiveBroadcast.mjpegFile(dir, 8), config)) {
            List<Long> arrivals = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            PlaySession player = MmshClient.create().play(live.mmsh());
            Thread reader = new Thread(() -> {
                try {
                    while (player.nextPacket().isPresent()) {
                        synchronized (arrivals) {
                            arrivals.add(System.nanoTime());
                        }
                    }
                } catch (Exception e) {
                    failure.set(e);
                }
            });
            reader.start();
            Thread.sleep(500); // past the fast-start burst
            long from = System.nanoTime();

            String ua = "User-Agent: NSPlayer/4.1.0.3856\r\n";
            assertThat(RawRequest.send(live.port, "GET /other HTTP/1.0\r\n" + ua + "\r\n"))
                    .startsWith("HTTP/1.0 404 ").contains("There is no broadcast at /other");
            assertThat(RawRequest.send(live.port, "POST / HTTP/1.1\r\n" + ua
                    + "Pragma: xStopStrm=1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200 ").contains("Content-Length: 0").endsWith("\r\n\r\n");
            assertThat(RawRequest.send(live.port, "PUT / HTTP/1.0\r\n\r\n"))
                    .startsWith("HTTP/1.0 405 ").contains("Allow: GET, HEAD, POST");
            assertThat(RawRequest.send(live.port, "GARBAGE\r\n\r\n")).startsWith("HTTP/1.0 400 ");
            assertThat(RawRequest.send(live.port, "GET / HTTP/1.0\r\nNo colon here\r\n\r\n")).startsWith("HTTP/1.0 400 ");
            assertThat(RawRequest.send(live.port, new byte[] {0, 1, 2, (byte) 0xFF, '\r', '\n', '\r', '\n'}, 4096))
                    .startsWith("HTTP/1.0 400 ");
            String huge = "GET / HTTP/1.0\r\n" + ua + "X-Filler: " + "a".repeat(20_000) + "\r\n\r\n";
            assertThat(RawRequest.send(live.port, huge)).startsWith("HTTP/1.0 431 ");
            assertThat(RawRequest.send(live.port, "HEAD / HTTP/1.0\r\n" + ua + "\r\n"))
                    .startsWith("HTTP/1.0 200 ").endsWith("\r\n\r\n");

            live.sink.accessList().add(AddressAccessList.EntryType.EXCLUDE, "127.0.0.0/8");
            assertThat(RawRequest.send(live.port, "GET / HTTP/1.0\r\n" + ua + "\r\n")).startsWith("HTTP/1.0 403 ");
            live.sink.accessList().remove(AddressAccessList.EntryType.EXCLUDE, 0);

            // A request head that never completes: the connection is closed after the timeout.
            try (Socket slow = new Socket()) {
                slow.connect(new InetSocketAddress("127.0.0.1", live.port), 2000);
                slow.setSoTimeout(5000);
                slow.getOutputStream().write("GET / HTTP/1.0\r\nUser-Agent: NSPlayer".getBytes(StandardCharsets.US_ASCII));
                long start = System.nanoTime();
                InputStream in = slow.getInputStream();
                assertThat(in.read()).isEqualTo(-1);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(700), Duration.ofSeconds(3));
            }

            // The player never paused: normal gaps between packets throughout.
            long to = System.nanoTime();
            Thread.sleep(300);
            assertThat(failure.get()).isNull();
            assertThat(live.sink.clientCount()).isEqualTo(1);
            List<Long> during;
            synchronized (arrivals) {
                during = arrivals.stream().filter(t -> t >= from && t <= to).toList();
            }
            assertThat(during).hasSizeGreaterThan(10);
            long maxGap = 0;
            for (int i = 1; i < during.size(); i++) {
                maxGap = Math.max(maxGap, during.get(i) - during.get(i - 1));
            }
            assertThat(Duration.ofNanos(maxGap)).isLessThan(Duration.ofMillis(400));
            player.close();
            reader.join(5000);
        }
    }
}
