package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./asfcast serve -} fed by a live source that stalls or restarts, played by FFmpeg throughout. */
@Tag("interop")
class PipeSourceIT {

    private static final String ROOT_ASFCAST = AsfcastProcess.ROOT.resolve("asfcast").toString();

    @TempDir
    Path dir;

    private static String encoder(String size, int seconds) {
        return Tools.ffmpeg() + " -nostdin -v error -re -f lavfi -i testsrc2=size=" + size + ":rate=25"
                + " -f lavfi -i sine=sample_rate=44100 -t " + seconds + " -c:v wmv2 -g 25 -c:a wmav2 -f asf -";
    }

    /** FFmpeg playing {@code url} to its end, its frames as framemd5 lines. */
    private CompletableFuture<ProcessRun> player(int port) {
        return CompletableFuture.supplyAsync(() -> ProcessRun.run(Duration.ofSeconds(60), dir, List.of(
                Tools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i", "mmsh://127.0.0.1:" + port + "/",
                "-map", "0", "-f", "framemd5", "-")));
    }

    private static List<Long> videoPts(ProcessRun run) {
        return run.stdout().lines().filter(l -> l.startsWith("0,"))
                .map(l -> Long.parseLong(l.split(",")[1].trim())).toList();
    }

    /** Each video frame follows the last by at most {@code frames} frame periods (one is seamless). */
    private static void assertNoJump(List<Long> pts, int frames) {
        for (int i = 1; i < pts.size(); i++) {
            assertThat(pts.get(i) - pts.get(i - 1)).as("video pts step after frame %d", pts.get(i - 1)).isBetween(1L, (long) frames);
        }
    }

    @Test
    void aSourceThatStallsAndResumesWithABacklogKeepsPlaying() throws Exception {
        Path media = Ffmpeg.make(dir.resolve("live.asf"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=sample_rate=44100", "-t", "20", "-c:v", "wmv2", "-g", "25",
                "-c:a", "wmav2", "-f", "asf", "-seekable", "0");
        byte[] bytes = Files.readAllBytes(media);
        int split = offsetOfFirstPacketAt(bytes, 4_000);
        try (AsfcastProcess serve = AsfcastProcess.start(ProcessBuilder.Redirect.PIPE, "serve", "-", "--port", "0")) {
            OutputStream stdin = serve.process.getOutputStream();
            stdin.write(bytes, 0, split); // the header and the first 4 s
            stdin.flush();
            int port = serve.awaitPort(Duration.ofSeconds(90));
            CompletableFuture<ProcessRun> ffmpeg = player(port);
            // The relay plays the 4 s, then the source is silent for about 8 s (more than the 5 s ring) and
            // hands over its 16 s backlog at once.
            Thread.sleep(12_000);
            long resumed = System.nanoTime();
            stdin.write(bytes, split, bytes.length - split);
            stdin.close();

            ProcessRun f = ffmpeg.get(70, TimeUnit.SECONDS);
            assertThat(f.exitCode()).as("FFmpeg exit; stderr %s", f.stderr()).isZero();
            assertThat(f.stderr()).doesNotContain("conceal", "error while decoding", "Error at MB");
            List<Long> pts = videoPts(f);
            assertNoJump(pts, 1);
            assertThat(pts.get(pts.size() - 1)).as("the last frame played").isGreaterThanOrEqualTo(20 * 25 - 2);
            assertThat(serve.await(Duration.ofSeconds(30))).isZero();
            // Paced after its first 2 s, the backlog takes about 14 s to go out; bursting the 8 s it is late, about 8 s.
            assertThat((System.nanoTime() - resumed) / 1_000_000).as("ms from the backlog to the end").isGreaterThan(11_500);
            assertThat(serve.stdout()).noneMatch(l -> l.contains("skipped"));
        }
    }

    @Test
    void anEncoderRestartedInThePipeWithTheSameSettingsPlaysOn() throws Exception {
        try (AsfcastProcess serve = AsfcastProcess.startShell("(" + encoder("320x240", 5) + "; " + encoder("320x240", 5)
                + ") | " + ROOT_ASFCAST + " serve - --port 0")) {
            CompletableFuture<ProcessRun> ffmpeg = player(serve.awaitPort(Duration.ofSeconds(90)));
            ProcessRun f = ffmpeg.get(70, TimeUnit.SECONDS);
            assertThat(f.exitCode()).as("FFmpeg exit; stderr %s", f.stderr()).isZero();
            assertThat(f.stderr()).doesNotContain("conceal", "error while decoding", "Error at MB");
            List<Long> pts = videoPts(f);
            // At the restart the picture continues a frame period after the streams' last media (audio may end later).
            assertNoJump(pts, 3);
            assertThat(pts.size()).as("frames played through both encoders").isGreaterThan(8 * 25);
            assertThat(serve.await(Duration.ofSeconds(30))).isZero();
            assertThat(serve.stdout().stream().filter(l -> l.contains("end of stream")).count())
                    .as("the player was ended once, at the end").isEqualTo(1);
        }
    }

    @Test
    void anEncoderRestartedWithOtherSettingsReplacesTheBroadcast() throws Exception {
        try (AsfcastProcess serve = AsfcastProcess.startShell("(" + encoder("320x240", 4) + "; " + encoder("160x120", 8)
                + ") | " + ROOT_ASFCAST + " serve - --port 0")) {
            int port = serve.awaitPort(Duration.ofSeconds(90));
            ProcessRun first = player(port).get(70, TimeUnit.SECONDS);
            assertThat(first.exitCode()).as("the first player ends at the switch; stderr %s", first.stderr()).isZero();
            assertThat(first.stdout()).contains("#dimensions 0: 320x240");
            ProcessRun second = player(port).get(70, TimeUnit.SECONDS);
            assertThat(second.exitCode()).as("stderr %s", second.stderr()).isZero();
            assertThat(second.stdout()).as("a new player gets the new header").contains("#dimensions 0: 160x120");
            assertThat(videoPts(second)).hasSizeGreaterThan(25);
            assertThat(serve.await(Duration.ofSeconds(30))).isZero();
        }
    }

    /** Where the first packet with a send time of at least {@code millis} starts. */
    private static int offsetOfFirstPacketAt(byte[] bytes, long millis) throws Exception {
        try (AsfReader reader = AsfReader.of(new ByteArrayInputStream(bytes))) {
            while (true) {
                long at = reader.position();
                byte[] packet = reader.nextPacketBytes().orElseThrow();
                if (DataPacket.parse(packet).sendTime() >= millis) {
                    return (int) at;
                }
            }
        }
    }
}
