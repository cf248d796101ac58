package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code start: on-demand} through {@code asfcast server}: nothing runs until FFmpeg asks; that
 * first player is held until the header exists and plays; the source stops after {@code idle-stop}
 * without players, and the next player starts it again. A reload that changes only the idle-stop
 * time keeps the point as it is.
 */
@Tag("interop")
class OnDemandIT {

    @TempDir
    Path dir;

    @Test
    void theFirstPlayerStartsThePointAndIdlenessStopsIt() throws Exception {
        Path config = dir.resolve("asfcast.yml");
        Files.writeString(config, String.join("\n", "port: 0", "bind: 127.0.0.1", "points:",
                "  - path: /late", "    test-pattern: {size: 160x120, fps: 25}", "    start: on-demand", "    idle-stop: 2s", ""));
        try (AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(90));
            server.awaitLine("Ctrl-C stops", Duration.ofSeconds(10));
            Thread.sleep(1000);
            assertThat(server.stdout()).as("nothing started before a player asked").noneMatch(l -> l.contains("started"));

            for (int start = 1; start <= 2; start++) {
                ProcessRun run = ProcessRun.run(Duration.ofSeconds(60), dir, List.of(Tools.ffmpeg().toString(), "-nostdin",
                        "-v", "error", "-i", "mmsh://127.0.0.1:" + port + "/late", "-t", "2", "-map", "0:v", "-f", "framemd5", "-"));
                assertThat(run.exitCode()).as("FFmpeg, start %d; %s", start, run.stderr()).isZero();
                assertThat(run.stdout().lines().filter(l -> l.startsWith("0,")).count()).as("pictures, start %d", start)
                        .isGreaterThanOrEqualTo(40);
                long stops = start;
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (server.stdout().stream().filter(l -> l.contains("no player for 2 s: stopped")).count() < stops
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(server.stdout().stream().filter(l -> l.contains("/late: a player is waiting: started")).count())
                        .as("starts after player %d; %s", start, server.stdout()).isEqualTo(start);
                assertThat(server.stdout().stream().filter(l -> l.contains("no player for 2 s: stopped")).count())
                        .as("idle stops after player %d; %s", start, server.stdout()).isEqualTo(stops);
            }

            Files.writeString(config, Files.readString(config).replace("idle-stop: 2s", "idle-stop: 5s"));
            server.signal("HUP");
            assertThat(server.awaitLine("reload: /late settings applied", Duration.ofSeconds(20))).contains("0 players kept");
            assertThat(server.terminate()).isZero();
        }
    }
}
