package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.client.ReceivedPacket;
import org.asfcast.client.StreamEnd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signals a terminal or a service manager sends never skip the clean end: SIGHUP is logged and
 * the broadcast goes on (it ended it, exit 129, no {@code $E}, the recording unfinished), SIGQUIT,
 * SIGTSTP/SIGCONT and a closed standard output are harmless, SIGTERM ends cleanly.
 */
@Tag("interop")
class SignalsIT {

    @TempDir
    static Path dir;
    static Path wmv;

    @BeforeAll
    static void media() {
        wmv = Ffmpeg.make(dir.resolve("source.wmv"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "10",
                "-c:v", "wmv2", "-b:v", "500k", "-g", "25", "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
    }

    private static CompletableFuture<ProcessRun> ffmpegPlays(int port, int seconds) {
        return CompletableFuture.supplyAsync(() -> ProcessRun.run(Duration.ofSeconds(seconds + 40), dir, List.of(
                Tools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i", "mmsh://127.0.0.1:" + port + "/",
                "-t", Integer.toString(seconds), "-map", "0", "-f", "framemd5", "-")));
    }

    private static void assertPlayedThrough(ProcessRun ff, int seconds) {
        assertThat(ff.exitCode()).as("FFmpeg's exit; stderr %s", ff.stderr()).isZero();
        assertThat(ff.stderr()).as("FFmpeg's errors").isBlank();
        assertThat(ff.stdout().lines().filter(l -> l.startsWith("0,")).count()).as("video frames")
                .isGreaterThan((seconds - 1) * 25L);
    }

    @Test
    void sighupAndTheHarmlessOnesKeepServingAndSigtermStillEndsCleanly() throws Exception {
        Path recording = dir.resolve("signals.asf");
        try (AsfcastProcess serve = AsfcastProcess.start("serve", wmv.toString(), "--loop", "--port", "0",
                "--record", recording.toString())) {
            int port = serve.awaitPort(Duration.ofSeconds(90));
            CompletableFuture<StreamEnd> watcher = CompletableFuture.supplyAsync(() -> {
                try (PlaySession play = MmshClient.create().play(URI.create("mmsh://127.0.0.1:" + port + "/"))) {
                    for (Optional<ReceivedPacket> p; (p = play.nextPacket()).isPresent(); ) {
                        // read to the end
                    }
                    return play.endReason().orElseThrow();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            int seconds = 10;
            CompletableFuture<ProcessRun> player = ffmpegPlays(port, seconds);
            Thread.sleep(2000);
            serve.signal("HUP");
            Thread.sleep(1000);
            serve.signal("QUIT"); // the JVM prints a thread dump and goes on
            Thread.sleep(1000);
            serve.signal("TSTP");
            Thread.sleep(300);
            serve.signal("CONT");
            assertPlayedThrough(player.get(seconds + 45, TimeUnit.SECONDS), seconds);

            assertThat(serve.process.isAlive()).as("still serving after SIGHUP; stderr %s", serve.stderr()).isTrue();
            assertThat(serve.stderr()).contains("asfcast: SIGHUP: nothing to reload (asfcast server CONFIG reloads its file); still serving (SIGTERM or Ctrl-C stops)");
            assertThat(serve.terminate()).as("exit code after SIGTERM").isZero();
            StreamEnd end = watcher.get(30, TimeUnit.SECONDS);
            assertThat(end.kind()).as("how the player's stream ended").isEqualTo(StreamEnd.Kind.END_CHUNK);
            assertThat(end.normal()).isTrue();
        }
        RecordingFailureIT.assertFinishedAndSeekable(recording);
    }

    /** The terminal or a {@code | tee} going away: the printed lines go nowhere, the broadcast goes on. */
    @Test
    void aClosedStandardOutputDoesNotEndTheBroadcast() throws Exception {
        try (AsfcastProcess serve = AsfcastProcess.startShell("set -o pipefail; " + AsfcastProcess.ROOT.resolve("asfcast")
                + " serve '" + wmv + "' --loop --port 0 | head -n 2")) {
            int port = serve.awaitPort(Duration.ofSeconds(90));
            ProcessHandle java = serve.process.descendants()
                    .filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(false)).findFirst().orElseThrow();
            // head has gone after the two lines; each line asfcast prints now (a player arriving) hits a closed pipe.
            int seconds = 6;
            assertPlayedThrough(ffmpegPlays(port, seconds).get(seconds + 45, TimeUnit.SECONDS), seconds);
            assertPlayedThrough(ffmpegPlays(port, 3).get(45, TimeUnit.SECONDS), 3);
            assertThat(java.isAlive()).isTrue();
            java.destroy(); // SIGTERM
            assertThat(serve.await(Duration.ofSeconds(20))).as("asfcast's exit (pipefail)").isZero();
        }
    }
}
