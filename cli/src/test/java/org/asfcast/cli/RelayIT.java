package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.Payload;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.Tools;
import org.asfcast.asf.testing.Unprivileged;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.client.PlayerProfile;
import org.asfcast.client.ReceivedPacket;
import org.asfcast.client.StreamEnd;
import org.asfcast.ops.metrics.PrometheusText;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An asfcast origin and an asfcast edge ({@code relay:}) on loopback, each {@code asfcast server}:
 * FFmpeg and asfcast's own player play through the edge while the origin is stopped and started
 * again with the same file (they play on, a bounded gap, no {@code $E}), then with another file
 * (they get {@code $E}), then stopped for good (the edge ends its broadcast after the grace with a
 * line naming the URL). The status API shows the relay's reconnects; an edge also relays VLC's
 * own mmsh output.
 */
@Tag("interop")
class RelayIT {

    private static final Pattern ADMIN = Pattern.compile("admin: (http://127\\.0\\.0\\.1:\\d+)");
    private static final String TOKEN = "relay-t0ken";
    /** FFmpeg's line for a keep-alive payload (a stream the header does not declare) that it skips. */
    private static final java.util.function.Predicate<String> KEEP_ALIVE_SKIP =
            line -> line.matches("\\[asf @ 0x[0-9a-f]+\\] ff asf skip 1 \\(unknown stream\\)");
    /** How long FFmpeg plays through the edge; the origin stops at about 4 s in and is back about 2 s later. */
    private static final int SECONDS = 14;
    /**
     * The most the origin's restart may hold the edge's media up: the origin's JVM starting (a
     * few seconds on a busy two-core machine), the edge's back-off (at most 1 s after three tries
     * here), the origin's first packets.
     */
    private static final long MAX_GAP_MILLIS = 12_000;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void edgePlayersPlayOnWhenTheOriginComesBackWithTheSameHeader() throws Exception {
        clip("clip.wmv", "320x240");
        int originPort = freePort();
        Path origin = config("origin.yml", originConfig(originPort, "clip.wmv"));
        Path edge = config("edge.yml", "port: 0\nbind: 127.0.0.1\nadmin: {port: 0, token: " + TOKEN + "}\npoints:\n"
                + "  - path: /live\n    relay:\n      url: mmsh://127.0.0.1:" + originPort + "/live\n      grace: 60s\n"
                + "      max-backoff: 1s\n"
                + "  - path: /plain\n    relay: {url: \"http://127.0.0.1:" + originPort + "/live\", protocol: plain,"
                + " max-backoff: 1s}\n"
                + "  - path: /demand\n    relay: mmsh://127.0.0.1:" + originPort + "/live\n    start: on-demand\n");
        AsfcastProcess first = AsfcastProcess.start("server", origin.toString());
        try (AsfcastProcess edgeServer = edgeAfter(first, edge)) {
            int edgePort = edgeServer.awaitPort(Duration.ofSeconds(90));
            String admin = admin(edgeServer);
            URI live = URI.create("mmsh://127.0.0.1:" + edgePort + "/live");
            awaitLive(live);
            awaitLive(URI.create("mmsh://127.0.0.1:" + edgePort + "/plain"));
            assertFullPackets(URI.create("mmsh://127.0.0.1:" + originPort + "/live"));
            JsonNode before = point(status(admin), "/live").path("source");
            assertThat(before.path("relay").path("state").asText()).isEqualTo("connected");
            assertThat(before.path("relay").path("reconnects").asLong()).isZero();
            // Started on demand: no origin asked until a player comes, then the relay's state as for the others.
            JsonNode idle = point(status(admin), "/demand").path("source");
            assertThat(idle.path("state").asText()).isEqualTo("stopped");
            assertThat(idle.path("relay").path("state").isMissingNode()).as("no relay before a player: %s", idle).isTrue();
            try (PlaySession demand = MmshClient.create().play(URI.create("mmsh://127.0.0.1:" + edgePort + "/demand"))) {
                demand.nextPacket().orElseThrow();
                JsonNode running = point(status(admin), "/demand").path("source");
                assertThat(running.path("state").asText()).isEqualTo("running");
                assertThat(running.path("relay").path("state").asText()).as("%s", running).isEqualTo("connected");
                assertThat(running.path("relay").path("upstream").asText()).isEqualTo("mmsh://127.0.0.1:" + originPort + "/live");
            }

            CompletableFuture<Arrivals> arrivals = CompletableFuture.supplyAsync(() -> mediaArrivals(live, SECONDS + 6));
            Players.FfmpegPlay ffmpeg = Players.ffmpeg(dir, live.toString(), SECONDS);
            ffmpeg.awaitDecoding(Duration.ofSeconds(30));
            Thread.sleep(4000);
            assertThat(first.terminate()).as("the origin's exit").isZero();
            Thread.sleep(1000);
            try (AsfcastProcess again = AsfcastProcess.start("server", origin.toString())) {
                again.awaitPort(Duration.ofSeconds(90));
                // No decoder complaint, every second decoded; FFmpeg's demuxer names each keep-alive payload
                // it skips while the origin is away, as in SilentSourceIT: not a decoder error.
                ffmpeg.check(Players.Media.AUDIO_VIDEO, KEEP_ALIVE_SKIP);

                Arrivals a = arrivals.get(SECONDS + 60, TimeUnit.SECONDS);
                List<Long> gaps = a.gaps();
                System.out.println("RelayIT: largest gaps between media packets at the edge, ms: "
                        + gaps.subList(0, Math.min(4, gaps.size())));
                assertThat(a.end()).as("the edge's player got no end of the stream").isEmpty();
                assertThat(gaps.get(0)).as("the longest hold-up of the media at the edge, ms").isLessThan(MAX_GAP_MILLIS);
                assertThat(a.objectNumbersContinue()).as("media object numbers go on across the restart").isTrue();

                awaitLive(URI.create("mmsh://127.0.0.1:" + edgePort + "/plain"));
                JsonNode source = point(status(admin), "/live").path("source");
                System.out.println("RelayIT: the edge's status of /live: " + source);
                assertThat(source.path("state").asText()).isEqualTo("running");
                JsonNode relay = source.path("relay");
                assertThat(relay.path("state").asText()).isEqualTo("connected");
                assertThat(relay.path("upstream").asText()).isEqualTo("mmsh://127.0.0.1:" + originPort + "/live");
                assertThat(relay.path("reconnects").asLong()).isPositive();
                assertThat(relay.path("bytesIn").asLong()).isGreaterThan(100_000);
                assertThat(relay.path("since").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
                assertThat(point(status(admin), "/plain").path("source").path("relay").path("upstream").asText())
                        .isEqualTo("http://127.0.0.1:" + originPort + "/live (plain HTTP)");
                PrometheusText metrics = PrometheusText.parse(get(admin + "/metrics"));
                assertThat(metrics.value("asfcast_point_source_restarts_total", Map.of("point", "/live")))
                        .hasValueSatisfying(n -> assertThat(n).isEqualTo((double) relay.path("reconnects").asLong()));
                assertThat(edgeServer.stdout()).noneMatch(l -> l.contains("the source failed"));
                assertThat(edgeServer.stderr()).noneMatch(l -> l.contains("without their padding"));
                assertThat(again.terminate()).isZero();
            }
            assertThat(edgeServer.terminate()).isZero();
        } finally {
            first.close();
        }
    }

    @Test
    void edgePlayersGetTheEndOfTheStreamForAnotherHeaderAndTheEdgeEndsWithoutItsOrigin() throws Exception {
        clip("clip.wmv", "320x240");
        clip("other.wmv", "160x120");
        int originPort = freePort();
        Path origin = config("origin.yml", originConfig(originPort, "clip.wmv"));
        Path other = config("other.yml", originConfig(originPort, "other.wmv"));
        Path edge = config("edge.yml", "port: 0\nbind: 127.0.0.1\npoints:\n  - path: /live\n    relay:\n"
                + "      url: mmsh://127.0.0.1:" + originPort + "/live\n      grace: 20s\n      max-backoff: 1s\n");
        try (AsfcastProcess first = AsfcastProcess.start("server", origin.toString());
             AsfcastProcess edgeServer = AsfcastProcess.start("server", edge.toString())) {
            first.awaitPort(Duration.ofSeconds(90));
            URI live = URI.create("mmsh://127.0.0.1:" + edgeServer.awaitPort(Duration.ofSeconds(90)) + "/live");
            awaitLive(live);
            int width;
            try (PlaySession player = MmshClient.create().withReadTimeout(Duration.ofSeconds(30)).play(live)) {
                width = videoWidth(player);
                assertThat(player.nextPacket()).isPresent();
                assertThat(first.terminate()).isZero();
                try (AsfcastProcess second = AsfcastProcess.start("server", other.toString())) {
                    second.awaitPort(Duration.ofSeconds(90));
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (player.nextPacket().isPresent()) {
                        assertThat(System.nanoTime()).as("the edge's player got its end within 60 s").isLessThan(deadline);
                    }
                    assertThat(player.endReason()).as("how the edge's player's stream ended")
                            .contains(new StreamEnd(StreamEnd.Kind.END_CHUNK, 0));
                    awaitLive(live);
                    try (PlaySession again = MmshClient.create().play(live)) {
                        assertThat(videoWidth(again)).as("the new header's picture").isNotEqualTo(width).isEqualTo(160);
                    }

                    // The origin goes for good: after the grace the edge's broadcast ends, with a line saying why.
                    try (PlaySession waiting = MmshClient.create().withReadTimeout(Duration.ofSeconds(40)).play(live)) {
                        assertThat(second.terminate()).isZero();
                        long started = System.nanoTime();
                        String line = edgeServer.awaitLine("/live: the source failed", Duration.ofSeconds(60));
                        long took = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
                        System.out.println("RelayIT: the edge, " + took + " s after its origin went: " + line);
                        assertThat(line).contains("the relay of mmsh://127.0.0.1:" + originPort + "/live ends: the origin",
                                "could not be played again for 20000 ms");
                        assertThat(took).as("seconds until the edge gave up").isBetween(15L, 40L);
                        while (waiting.nextPacket().isPresent()) {
                            // the keep-alives of the wait, then the end
                        }
                        assertThat(waiting.endReason().map(StreamEnd::kind)).contains(StreamEnd.Kind.END_CHUNK);
                    }
                }
            }
            assertThat(edgeServer.terminate()).isZero();
        }
    }

    @Test
    void anEdgeRelaysVlcsOwnMmshOutputToFfmpeg() throws Exception {
        Path cvlc = Tools.cvlc();
        Path clip = clip("vlc.wmv", "320x240");
        Unprivileged.share(dir);
        int vlcPort = freePort();
        List<String> command = Unprivileged.command(List.of(cvlc.toString(), "-I", "dummy", "--loop", clip.toString(),
                "--sout", "#std{access=mmsh,mux=asfh,dst=127.0.0.1:" + vlcPort + "}", "--sout-keep"));
        Process vlc = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("vlc.out").toFile()).redirectError(dir.resolve("vlc.err").toFile()).start();
        Path edge = config("edge.yml", "port: 0\nbind: 127.0.0.1\npoints:\n  - path: /vlc\n"
                + "    relay: mmsh://127.0.0.1:" + vlcPort + "/\n");
        try (AsfcastProcess edgeServer = AsfcastProcess.start("server", edge.toString())) {
            URI live = URI.create("mmsh://127.0.0.1:" + edgeServer.awaitPort(Duration.ofSeconds(90)) + "/vlc");
            awaitLive(live);
            assertFullPackets(URI.create("mmsh://127.0.0.1:" + vlcPort + "/"));
            Players.FfmpegPlay ffmpeg = Players.ffmpeg(dir, live.toString(), 8);
            // VLC's asfh mux marks every video frame a key frame (asfcast probe on it: "key frames: every
            // 40 ms"), so a player joining it, or an edge of it, starts at any frame: FFmpeg playing VLC
            // directly warns "first frame is no keyframe" too. Nothing else may be said.
            ffmpeg.check(Players.Media.AUDIO_VIDEO, line -> line.matches("\\[wmv2 @ 0x[0-9a-f]+\\] warning: first frame is no keyframe"));
            assertThat(edgeServer.stdout()).noneMatch(l -> l.contains("the source failed"));
            assertThat(edgeServer.terminate()).isZero();
        } finally {
            List<ProcessHandle> tree = new ArrayList<>(vlc.descendants().toList());
            tree.add(vlc.toHandle());
            tree.forEach(ProcessHandle::destroy);
            vlc.waitFor(10, TimeUnit.SECONDS);
            if (vlc.isAlive()) {
                tree.forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    private Path clip(String name, String size) {
        return Ffmpeg.make(dir.resolve(name), "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25", "-f", "lavfi",
                "-i", "sine=frequency=440:sample_rate=44100", "-t", "20", "-c:v", "wmv2", "-g", "25", "-c:a", "wmav2",
                "-b:a", "64k", "-f", "asf");
    }

    private static String originConfig(int port, String file) {
        return "port: " + port + "\nbind: 127.0.0.1\npoints:\n  - path: /live\n    file: " + file + "\n    loop: true\n";
    }

    private Path config(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Starts the edge once the origin serves: an edge that finds no origin at its first try counts a
     * reconnect, and the test that uses this counts them from zero.
     */
    private static AsfcastProcess edgeAfter(AsfcastProcess origin, Path edgeConfig) throws Exception {
        origin.awaitPort(Duration.ofSeconds(90));
        return AsfcastProcess.start("server", edgeConfig.toString());
    }

    private static String admin(AsfcastProcess server) throws InterruptedException {
        Matcher m = ADMIN.matcher(server.awaitLine("admin: http", Duration.ofSeconds(10)));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private String get(String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private JsonNode status(String admin) throws Exception {
        JsonNode status = new ObjectMapper().readTree(get(admin + "/api/v1/status"));
        assertThat(status.path("schema").asInt()).isEqualTo(1);
        return status;
    }

    private static JsonNode point(JsonNode status, String path) {
        for (JsonNode p : status.path("points")) {
            if (p.path("path").asText().equals(path)) {
                return p;
            }
        }
        throw new AssertionError("no point " + path + " in " + status);
    }

    private static int videoWidth(PlaySession session) {
        return session.header().streams().stream().filter(s -> s.isVideo()).findFirst()
                .flatMap(s -> s.videoFormat()).map(v -> (int) v.width()).orElseThrow();
    }

    /** The server sends a distribution server (NSServer) every packet at its full size, padding included. */
    private static void assertFullPackets(URI uri) throws Exception {
        try (PlaySession play = MmshClient.create().withProfile(PlayerProfile.DISTRIBUTION).play(uri)) {
            for (int i = 0; i < 40; i++) {
                ReceivedPacket p = play.nextPacket().orElseThrow(() -> new AssertionError(uri + " ended early"));
                assertThat(p.padded()).as("packet %d of %s came short (%d of %d bytes)", i, uri, p.sentLength(),
                        p.bytes().length).isFalse();
            }
        }
    }

    /** Waits until the point plays: an edge takes a moment to reach its origin. */
    private static void awaitLive(URI mmsh) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (PlaySession play = MmshClient.create().play(mmsh)) {
                if (play.nextPacket().isPresent()) {
                    return;
                }
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(mmsh + " did not start within 60 s", notYet);
                }
            }
            Thread.sleep(300);
        }
    }

    /**
     * What asfcast's player saw at the edge for {@code seconds}: when each media packet came
     * (the keep-alives of a silence left out), the media object numbers of the video stream, and
     * how the stream ended if it did.
     */
    private record Arrivals(List<Long> times, List<Integer> videoObjects, Optional<StreamEnd> end) {

        List<Long> gaps() {
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < times.size(); i++) {
                gaps.add((times.get(i) - times.get(i - 1)) / 1_000_000);
            }
            gaps.sort(Comparator.reverseOrder());
            return gaps;
        }

        /**
         * Each video object is the next (mod 256), or one after it where the origin went away inside an
         * object (the edge cuts what cannot be finished): none goes back, none starts again from 0.
         */
        boolean objectNumbersContinue() {
            for (int i = 1; i < videoObjects.size(); i++) {
                int step = (videoObjects.get(i) - videoObjects.get(i - 1)) & 0xFF;
                if (step < 1 || step > 2) {
                    System.out.println("RelayIT: video object " + videoObjects.get(i - 1) + " then " + videoObjects.get(i));
                    return false;
                }
            }
            return videoObjects.size() > 100;
        }
    }

    private static Arrivals mediaArrivals(URI mmsh, int seconds) {
        List<Long> times = new ArrayList<>();
        List<Integer> objects = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try (PlaySession play = MmshClient.create().withReadTimeout(Duration.ofSeconds(30)).play(mmsh)) {
            int video = play.header().streams().stream().filter(s -> s.isVideo()).findFirst().orElseThrow().streamNumber();
            for (Optional<ReceivedPacket> p; System.nanoTime() < end && (p = play.nextPacket()).isPresent(); ) {
                DataPacket packet = p.get().parse();
                // The clip's streams are 1 and 2; keep-alives go to an undeclared one.
                if (packet.payloads().stream().map(Payload::streamNumber).anyMatch(n -> n <= 2)) {
                    times.add(System.nanoTime());
                }
                for (Payload payload : packet.payloads()) {
                    int object = (int) (payload.mediaObjectNumber() & 0xFF);
                    if (payload.streamNumber() == video && (objects.isEmpty() || objects.get(objects.size() - 1) != object)) {
                        objects.add(object);
                    }
                }
            }
            return new Arrivals(times, objects, play.endReason());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
