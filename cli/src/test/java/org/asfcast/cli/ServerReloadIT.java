package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP reloads {@code asfcast server CONFIG} while FFmpeg players play: a point whose settings
 * did not change keeps its player untouched, a changed limit applies without dropping anyone, a
 * removed point ends its player with {@code $E}, an added point plays, a changed source restarts
 * that point alone; a file that does not validate changes nothing and is reported in one line.
 */
@Tag("interop")
class ServerReloadIT {

    /** How long each held player plays: the reload comes after a third of it. */
    private static final int SECONDS = 12;

    @TempDir
    Path dir;

    @Test
    void aReloadAddsRemovesAndChangesPointsWhilePlayersPlay() throws Exception {
        Path config = dir.resolve("asfcast.yml");
        Files.writeString(config, config(
                point("/keep", "test-pattern: {size: 160x120, fps: 25}"),
                point("/change", "test-pattern: {size: 160x120, fps: 25}", "max-players: 5"),
                point("/gone", "test-pattern: {size: 160x120, fps: 25}"),
                point("/swap", "test-pattern: {size: 160x120, fps: 25}")));
        try (AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(90));
            server.awaitLine("Ctrl-C stops", Duration.ofSeconds(10));
            CompletableFuture<ProcessRun> keep = plays(port, "/keep", SECONDS);
            CompletableFuture<ProcessRun> change = plays(port, "/change", SECONDS);
            CompletableFuture<ProcessRun> gone = plays(port, "/gone", SECONDS);
            CompletableFuture<ProcessRun> swap = plays(port, "/swap", SECONDS);
            server.awaitLine("/swap + ", Duration.ofSeconds(20));
            server.awaitLine("/gone + ", Duration.ofSeconds(20));
            server.awaitLine("/change + ", Duration.ofSeconds(20));
            server.awaitLine("/keep + ", Duration.ofSeconds(20));
            Thread.sleep(SECONDS * 1000L / 3);

            Files.writeString(config, config(
                    point("/keep", "test-pattern: {size: 160x120, fps: 25}"),
                    point("/change", "test-pattern: {size: 160x120, fps: 25}", "max-players: 1"),
                    point("/swap", "test-pattern: {size: 320x240, fps: 25}"),
                    point("/new", "test-pattern: {size: 160x120, fps: 25}")));
            server.signal("HUP");
            server.awaitLine("reload: /new added", Duration.ofSeconds(20));
            assertThat(server.stdout()).anyMatch(l -> l.contains("reload: /gone removed; 1 player got the end of the stream"))
                    .anyMatch(l -> l.contains("reload: /change settings applied; 1 player kept"))
                    .anyMatch(l -> l.contains("reload: /swap source restarted"))
                    .noneMatch(l -> l.contains("/keep") && l.contains("reload"));

            // The changed limit applies at once: /change has its one player, so the next is refused.
            assertThat(status(port, "/change")).as("a second player on /change, now limited to 1").isEqualTo(503);
            assertThat(status(port, "/gone")).as("the removed point").isEqualTo(404);
            ProcessRun added = plays(port, "/new", 3).get(60, TimeUnit.SECONDS);
            assertThat(added.exitCode()).as("FFmpeg on the added point; %s", added.stderr()).isZero();
            assertThat(videoFrames(added)).as("frames from the added point").isGreaterThan(3 * 20);
            ProcessRun swapped = plays(port, "/swap", 2).get(60, TimeUnit.SECONDS);
            assertThat(swapped.stdout()).as("the restarted source's pictures").contains("#dimensions 0: 320x240");

            assertPlayedThrough("/keep", keep.get(SECONDS + 60, TimeUnit.SECONDS));
            assertPlayedThrough("/change", change.get(SECONDS + 60, TimeUnit.SECONDS));
            // A removed point's player gets the end of the stream: a clean end, well before its time.
            ProcessRun ended = gone.get(SECONDS + 60, TimeUnit.SECONDS);
            assertThat(ended.exitCode()).as("FFmpeg on the removed point; %s", ended.stderr()).isZero();
            assertThat(videoFrames(ended)).as("frames before /gone was removed").isBetween(2L * 20, (SECONDS - 2) * 25L);
            // The replaced source's header differs (another picture size): its player's stream ends cleanly too.
            ProcessRun replaced = swap.get(SECONDS + 60, TimeUnit.SECONDS);
            assertThat(replaced.exitCode()).as("FFmpeg on the point whose source changed; %s", replaced.stderr()).isZero();
            assertThat(videoFrames(replaced)).isLessThan((SECONDS - 2) * 25L);

            assertThat(server.terminate()).isZero();
        }
    }

    @Test
    void aBadFileOnReloadChangesNothingAndSaysWhereInOneLine() throws Exception {
        Path config = dir.resolve("asfcast.yml");
        Files.writeString(config, config(point("/tv", "test-pattern: {size: 160x120, fps: 25}")));
        try (AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(90));
            server.awaitLine("Ctrl-C stops", Duration.ofSeconds(10));
            CompletableFuture<ProcessRun> player = plays(port, "/tv", SECONDS);
            server.awaitLine("/tv + ", Duration.ofSeconds(20));
            Thread.sleep(2000);

            // A misspelt key in a new point: the whole file is refused, /tv plays on.
            Files.writeString(config, config(point("/tv", "test-pattern: {size: 160x120, fps: 25}"),
                    point("/radio", "test-pattern: {}", "max-player: 3")));
            server.signal("HUP");
            String refused = server.awaitLine("reload refused", Duration.ofSeconds(20));
            assertThat(refused).contains("the running config stays").contains(config.toString() + ":")
                    .contains("max-player");
            assertThat(server.stdout().stream().filter(l -> l.contains("reload refused") || l.contains("reload:"))).as("lines about the reload").hasSize(1);
            assertThat(status(port, "/radio")).as("the point of the refused file").isEqualTo(404);

            // A port change cannot apply to a running server: refused with a sentence.
            Files.writeString(config, config(point("/tv", "test-pattern: {size: 160x120, fps: 25}")).replace("port: 0", "port: 1"));
            server.signal("HUP");
            assertThat(server.awaitLine("port and bind cannot change", Duration.ofSeconds(20))).contains("reload refused");

            assertPlayedThrough("/tv", player.get(SECONDS + 60, TimeUnit.SECONDS));
            assertThat(server.terminate()).isZero();
        }
    }

    private static String config(String... points) {
        return "# reloaded by the test\nport: 0\nbind: 127.0.0.1\npoints:\n" + String.join("", points);
    }

    private static String point(String path, String source, String... settings) {
        StringBuilder b = new StringBuilder("  - path: " + path + "\n    " + source + "\n");
        for (String s : settings) {
            b.append("    ").append(s).append('\n');
        }
        return b.toString();
    }

    private CompletableFuture<ProcessRun> plays(int port, String path, int seconds) {
        return CompletableFuture.supplyAsync(() -> ProcessRun.run(Duration.ofSeconds(seconds + 50), dir, List.of(
                Tools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i", "mmsh://127.0.0.1:" + port + path,
                "-t", Integer.toString(seconds), "-map", "0:v", "-f", "framemd5", "-")));
    }

    private static long videoFrames(ProcessRun run) {
        return run.stdout().lines().filter(l -> l.startsWith("0,")).count();
    }

    /** Exit 0, no decoder message, and (nearly) every picture of the whole time: the reload passed it by. */
    private static void assertPlayedThrough(String path, ProcessRun run) {
        assertThat(run.exitCode()).as("FFmpeg on %s; stderr %s", path, run.stderr()).isZero();
        assertThat(run.stderr()).as("FFmpeg's errors on %s", path).isBlank();
        assertThat(videoFrames(run)).as("pictures on %s", path).isGreaterThan(SECONDS * 25L * 9 / 10);
    }

    private static int status(int port, String path) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        c.setRequestProperty("User-Agent", "NSPlayer/12.0");
        c.setRequestProperty("Pragma", "xPlayStrm=1");
        try {
            int code = c.getResponseCode();
            if (code >= 400 && c.getErrorStream() != null) {
                new String(c.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            return code;
        } finally {
            c.disconnect();
        }
    }
}
