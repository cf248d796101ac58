package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.cli.Players.FfmpegPlay;
import org.asfcast.cli.Players.Media;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server-wide {@code limits:} of a config, with real FFmpeg players admitted first: one more
 * player is refused with 503 and a sentence (plain HTTP, and an MS-WMSP Describe), while the
 * admitted players decode through the refusal and to their end without an error.
 */
@Tag("interop")
class ServerLimitsIT {

    /** How long the admitted players play: the refusals come 1-3 s into it. */
    private static final int SECONDS = 10;

    @TempDir
    Path dir;

    @BeforeEach
    void media() {
        // 64 kbit/s, which the header's File Properties says (what the bandwidth limit counts).
        Ffmpeg.make(dir.resolve("radio.wma"), "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "5",
                "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
    }

    @Test
    void theTotalPlayerLimitRefusesOneMoreOnAnyPointWhileTheAdmittedPlay() throws Exception {
        try (AsfcastProcess server = start("limits: {max-players: 2}")) {
            String base = serving(server, "/radio", "/");
            // One player on each point: the limit is the server's, not a point's (each allows 100).
            FfmpegPlay radio = Players.ffmpeg(dir, "mmsh://" + base + "/radio", SECONDS);
            FfmpegPlay pattern = Players.ffmpeg(dir, "http://" + base + "/", SECONDS);
            radio.awaitDecoding(Duration.ofSeconds(30));
            pattern.awaitDecoding(Duration.ofSeconds(30));
            String sentence = "This server already has its maximum of 2 players; try again later.";
            for (String point : List.of("/radio", "/")) {
                assertRefused(PlainHttp.get("http://" + base + point), sentence);
                assertRefused(PlainHttp.describe("http://" + base + point), sentence);
            }
            radio.check(Media.AUDIO);
            pattern.check(Media.AUDIO_VIDEO);
            // Their slots are free again once they have left.
            PlainHttp.awaitServing("http://" + base + "/radio", Duration.ofSeconds(10));
            assertThat(server.terminate()).isZero();
        }
    }

    @Test
    void theBandwidthLimitRefusesAPlayerTheServerCannotFeedWhileTheAdmittedPlay() throws Exception {
        // One 64 kbit/s player fits in 100 kbit/s; a second would need 128.
        try (AsfcastProcess server = start("limits: {max-bandwidth: 100k}")) {
            String base = serving(server, "/radio");
            FfmpegPlay radio = Players.ffmpeg(dir, "mmsh://" + base + "/radio", SECONDS);
            radio.awaitDecoding(Duration.ofSeconds(30));
            assertRefused(PlainHttp.get("http://" + base + "/radio"),
                    "This server is at its outgoing bandwidth limit; try again later.");
            radio.check(Media.AUDIO);
            assertThat(server.terminate()).isZero();
        }
    }

    @Test
    void theConnectionRateRefusesABurstFromOneAddressWhileItsAdmittedPlayerAndOtherAddressesPlay() throws Exception {
        int perSecond = 4;
        try (AsfcastProcess server = start("limits: {connections-per-second: " + perSecond + "}")) {
            String base = serving(server, "/radio");
            Thread.sleep(1100); // the checks above were connections too: a new second for the player
            FfmpegPlay radio = Players.ffmpeg(dir, "mmsh://" + base + "/radio", SECONDS);
            radio.awaitDecoding(Duration.ofSeconds(30));
            int burst = 20;
            List<PlainHttp.Reply> replies = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < burst; i++) {
                replies.add(PlainHttp.get("http://" + base + "/radio"));
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            // Another address is counted apart: it still gets in, in the same second.
            assertThat(PlainHttp.get("http://" + base + "/radio", InetAddress.getByName("127.0.0.2")).status())
                    .as("a player from 127.0.0.2 during 127.0.0.1's burst").isEqualTo(200);
            List<PlainHttp.Reply> refused = replies.stream().filter(r -> r.status() != 200).toList();
            System.out.printf("connection burst: %d of %d refused in %.3f s%n", refused.size(), burst, elapsed);
            for (PlainHttp.Reply r : refused) {
                assertRefused(r, "Too many connections from your address; try again in a few seconds.");
            }
            // At most perSecond connections in each one-second window the burst touched.
            long windows = 1 + (long) Math.ceil(elapsed);
            assertThat(refused).as("refused of %d in %.3f s", burst, elapsed)
                    .hasSizeGreaterThanOrEqualTo((int) Math.max(1, burst - perSecond * windows));
            Thread.sleep(1100);
            assertThat(PlainHttp.get("http://" + base + "/radio").status()).as("the next second").isEqualTo(200);
            radio.check(Media.AUDIO);
            assertThat(server.terminate()).isZero();
        }
    }

    /** Waits for the server's port and these points' headers; returns "host:port". */
    private static String serving(AsfcastProcess server, String... points) throws Exception {
        String base = "127.0.0.1:" + server.awaitPort(Duration.ofSeconds(90));
        // The banner comes before the test pattern's first header: a player that early gets 503 "not started yet".
        for (String point : points) {
            PlainHttp.awaitServing("http://" + base + point, Duration.ofSeconds(30));
        }
        return base;
    }

    private AsfcastProcess start(String limits) throws Exception {
        Path config = dir.resolve("asfcast.yml");
        Files.writeString(config, String.join("\n",
                "port: 0",
                "bind: 127.0.0.1",
                limits,
                "points:",
                "  - path: /radio",
                "    file: radio.wma",
                "    loop: true",
                "  - path: /",
                "    test-pattern: {size: 160x120, fps: 25}",
                ""));
        return AsfcastProcess.start("server", config.toString());
    }

    private static void assertRefused(PlainHttp.Reply reply, String sentence) {
        assertThat(reply.status()).as("status; body %s", reply.body()).isEqualTo(503);
        assertThat(reply.body()).isEqualTo(sentence + "\n");
        assertThat(reply.header("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    }
}
