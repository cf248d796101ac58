package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, case 1, over real sockets: players that send a Play and never read fill the sink.
 * Each loses its slot within the stall timeout (10 s of broadcast) of its join, whatever the
 * kernel's buffers (half of them ask for a 4 KiB receive buffer, half keep the default), and a
 * player asking while the sink is full is admitted at once in the slot of the one furthest behind.
 */
class NonReadingPlayersTest {

    private static final int SLOTS = 12;
    /** The bound, plus a delivery pass and the scheduling slack of a shared machine. */
    private static final long ALLOWED_MILLIS = NetworkSinkConfig.defaults().stallTimeout().toMillis() + 2_500;

    @TempDir
    static Path dir;
    static Path media;

    @BeforeAll
    static void media() throws Exception {
        media = LiveBroadcast.mjpegFile(dir, 12);
    }

    @Test
    void nonReadersLoseTheirSlotsWithinTheBoundAndAFullSinkStillAdmitsAPlayer() throws Exception {
        NetworkSinkConfig config = NetworkSinkConfig.builder().maximumClients(SLOTS).resolveNames(false).build();
        Timeline timeline = new Timeline();
        List<Socket> nonReaders = new ArrayList<>();
        try (LiveBroadcast live = LiveBroadcast.start(media, config)) {
            live.sink.addListener(timeline);
            Thread.sleep(1500); // the ring holds a join burst
            for (int i = 0; i < SLOTS; i++) {
                nonReaders.add(playAndNeverRead(live.port, i % 2 == 0 ? 4096 : 0));
            }
            timeline.awaitConnected(SLOTS);
            assertThat(live.sink.clientCount()).isEqualTo(SLOTS);

            Thread.sleep(4000); // the non-readers are now seconds behind
            long asked = System.nanoTime();
            long admitted;
            try (PlaySession player = MmshClient.create().play(live.mmsh())) {
                admitted = (System.nanoTime() - asked) / 1_000_000;
                assertThat(admitted).as("time for a player to be admitted to the full sink").isLessThan(1000);
                // Listeners hear of the displacement on the event thread, perhaps after the Play is answered.
                timeline.awaitReason(DisconnectReason.DISPLACED);

                // The player keeps playing while every other non-reader is dropped as slow.
                long until = System.nanoTime() + (ALLOWED_MILLIS + 2000) * 1_000_000;
                int packets = 0;
                while (System.nanoTime() < until && timeline.left() < SLOTS) {
                    assertThat(player.nextPacket()).isPresent();
                    packets++;
                }
                assertThat(packets).isGreaterThan(100);
                assertThat(timeline.left()).as("non-readers gone").isEqualTo(SLOTS);
                assertThat(live.sink.clients()).extracting(ClientInfo::userAgent).noneMatch(u -> u.contains("NonReader"));
                assertThat(live.sink.clients()).hasSize(1);
            }
            Map<Long, Long> held = timeline.heldMillis();
            System.out.println("non-readers' slots held (ms): " + held.values().stream().sorted().toList()
                    + "; the player was admitted to the full sink in " + admitted + " ms");
            assertThat(held).hasSize(SLOTS);
            assertThat(held.values()).as("how long each non-reader held its slot, ms").allMatch(ms -> ms <= ALLOWED_MILLIS);
            assertThat(timeline.reasons().values()).containsOnly(DisconnectReason.SLOW, DisconnectReason.DISPLACED);
            assertThat(live.sink.laggardsDisplaced()).isEqualTo(1);
            assertThat(live.sink.laggardsDropped()).isEqualTo(SLOTS - 1);
        } finally {
            for (Socket s : nonReaders) {
                s.close();
            }
        }
    }

    /**
     * The same with FFmpeg as the player, on an FFmpeg-made WMV (WMV2 + WMAv2): it asks the full
     * sink, is admitted, and decodes 12 s cleanly while the non-readers are dropped around it.
     */
    @Test
    @Tag("interop")
    void ffmpegIsAdmittedToASinkFullOfNonReadersAndPlaysCleanly() throws Exception {
        Path ffmpeg = Tools.ffmpeg();
        Path wmv = Ffmpeg.make(dir.resolve("source.wmv"),
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "30",
                "-c:v", "wmv2", "-b:v", "500k", "-g", "50", "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
        int slots = 8;
        NetworkSinkConfig config = NetworkSinkConfig.builder().maximumClients(slots).resolveNames(false).build();
        Timeline timeline = new Timeline();
        List<Socket> nonReaders = new ArrayList<>();
        try (LiveBroadcast live = LiveBroadcast.start(wmv, config)) {
            live.sink.addListener(timeline);
            Thread.sleep(2500);
            for (int i = 0; i < slots; i++) {
                nonReaders.add(playAndNeverRead(live.port, i % 2 == 0 ? 4096 : 0));
            }
            timeline.awaitConnected(slots);
            Thread.sleep(4000);
            ProcessRun run = ProcessRun.run(Duration.ofSeconds(60), dir, List.of(ffmpeg.toString(), "-nostdin",
                    "-v", "error", "-i", "mmsh://127.0.0.1:" + live.port + "/", "-t", "12", "-map", "0",
                    "-f", "framemd5", "-"));
            assertThat(run.exitCode()).as("FFmpeg's exit code; stderr: %s", run.stderr()).isZero();
            assertThat(run.stderr()).as("FFmpeg's error log").isBlank();
            long video = run.stdout().lines().filter(l -> l.startsWith("0,")).count();
            assertThat(video).as("video frames FFmpeg decoded").isGreaterThanOrEqualTo(12 * 25 - 2);
            // FFmpeg's 12 s may take less wall time than the bound (a joiner gets the preroll and
            // the join burst at once): wait out the bound, then every non-reader must be gone.
            long deadline = System.nanoTime() + (ALLOWED_MILLIS + 1000) * 1_000_000;
            while (timeline.left() < slots && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(timeline.left()).as("non-readers gone").isEqualTo(slots);
            System.out.println("with FFmpeg: non-readers' slots held (ms): "
                    + timeline.heldMillis().values().stream().sorted().toList());
            assertThat(timeline.heldMillis().values()).allMatch(ms -> ms <= ALLOWED_MILLIS);
            timeline.awaitReason(DisconnectReason.DISPLACED);
        } finally {
            for (Socket s : nonReaders) {
                s.close();
            }
        }
    }

    /** A Play (MS-WMSP) whose answer is never read; {@code receiveBuffer} 0 keeps the system default. */
    private static Socket playAndNeverRead(int port, int receiveBuffer) throws Exception {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        s.getOutputStream().write(("GET / HTTP/1.0\r\nUser-Agent: NSPlayer/4.1.0.3856 NonReader\r\n"
                + "Pragma: no-cache,rate=1.000000,request-context=2\r\nPragma: xPlayStrm=1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    /** When each non-reader joined and left, and why it left. */
    private static final class Timeline implements SinkListener {
        private final Map<Long, Long> joined = new ConcurrentHashMap<>();
        private final Map<Long, Long> held = new ConcurrentHashMap<>();
        private final Map<Long, DisconnectReason> reasons = new ConcurrentHashMap<>();

        @Override
        public synchronized void clientConnected(ClientInfo client) {
            if (client.userAgent().contains("NonReader")) {
                joined.put(client.id(), System.nanoTime());
                notifyAll();
            }
        }

        @Override
        public synchronized void clientDisconnected(ClientInfo client, DisconnectReason reason) {
            Long at = joined.get(client.id());
            if (at != null) {
                held.put(client.id(), (System.nanoTime() - at) / 1_000_000);
                reasons.put(client.id(), reason);
                notifyAll();
            }
        }

        synchronized void awaitReason(DisconnectReason reason) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (!reasons.containsValue(reason) && System.nanoTime() < deadline) {
                wait(50);
            }
            assertThat(reasons).containsValue(reason);
        }

        @Override
        public void clientPropertiesChanged(ClientInfo client) {
        }

        synchronized void awaitConnected(int n) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (joined.size() < n && System.nanoTime() < deadline) {
                wait(100);
            }
            assertThat(joined).hasSize(n);
        }

        int left() {
            return held.size();
        }

        Map<Long, Long> heldMillis() {
            return Map.copyOf(held);
        }

        Map<Long, DisconnectReason> reasons() {
            return Map.copyOf(reasons);
        }
    }
}
