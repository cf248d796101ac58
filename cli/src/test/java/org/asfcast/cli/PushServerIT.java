package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code asfcast server} with a push point: FFmpeg publishes to it with {@code -method PUT} as
 * the acceptance says, FFmpeg and VLC play it meanwhile; curl with a wrong token gets 403
 * and a second publisher 409, each with a sentence; the token never shows in what asfcast prints.
 */
@Tag("interop")
class PushServerIT {

    private static final String TOKEN = "push-T0ken-4711";

    @TempDir
    Path dir;

    @Test
    void ffmpegPublishesByPutAndFfmpegAndVlcPlay() throws Exception {
        Path config = Files.writeString(dir.resolve("asfcast.yml"), String.join("\n", "port: 0", "bind: 127.0.0.1",
                "points:", "  - path: /live", "    push: {token: " + TOKEN + ", grace: 5s}", ""));
        try (AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(90));
            server.awaitLine("Ctrl-C stops", Duration.ofSeconds(10));
            String base = "127.0.0.1:" + port;
            CompletableFuture<ProcessRun> publisher = CompletableFuture.supplyAsync(() -> ProcessRun.run(Duration.ofSeconds(90),
                    dir, List.of(Tools.ffmpeg().toString(), "-nostdin", "-v", "error", "-re",
                            "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "25",
                            "-c:v", "wmv2", "-g", "50", "-c:a", "wmav2", "-f", "asf", "-method", "PUT",
                            "http://" + base + "/live?token=" + TOKEN)));
            // Players that come first wait for the header (up to 15 s), then play.
            Players.FfmpegPlay ffmpeg = Players.ffmpeg(dir, "mmsh://" + base + "/live", 8);
            Players.Play vlc = Players.vlc(dir, "mmsh://" + base + "/live", 8);
            ffmpeg.awaitDecoding(Duration.ofSeconds(20));

            ProcessRun wrong = curl("-X", "PUT", "--data-binary", "not asf", "http://" + base + "/live?token=wrong");
            assertThat(wrong.stdout()).startsWith("HTTP/1.1 403 ").endsWith("The publishing credential given is not this point's.\n");
            ProcessRun second = curl("-X", "PUT", "--data-binary", "not asf", "http://" + base + "/live?token=" + TOKEN);
            assertThat(second.stdout()).startsWith("HTTP/1.1 409 ")
                    .endsWith("Someone else is publishing to /live now; one publisher at a time.\n");
            ProcessRun get = curl("-X", "PUT", "--data-binary", "not asf", "http://" + base + "/elsewhere");
            assertThat(get.stdout()).startsWith("HTTP/1.0 405 ");

            ffmpeg.check(Players.Media.AUDIO_VIDEO);
            vlc.check(Players.Media.AUDIO_VIDEO);
            ProcessRun published = publisher.get(90, TimeUnit.SECONDS);
            assertThat(published.exitCode()).as("FFmpeg publishing; stderr %s", published.stderr()).isZero();
            assertThat(server.terminate()).isZero();
            assertThat(String.join("\n", server.stdout()) + String.join("\n", server.stderr()))
                    .as("what asfcast printed").doesNotContain(TOKEN);
        }
    }

    private ProcessRun curl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "-i", "--max-time", "20"));
        command.addAll(List.of(args));
        return ProcessRun.run(Duration.ofSeconds(30), dir, command);
    }
}
