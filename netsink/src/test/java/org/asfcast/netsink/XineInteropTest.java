package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * xine (its console player {@code aaxine}) on a live broadcast over {@code mmsh://} and
 * {@code http://}: it must still be playing when stopped after {@link #PLAY}, with seconds of sound
 * and pictures decoded. xine ends a stream once it has read the header's Data Packets Count, so a
 * live header that says 0 made it quit after buffering, having played nothing.
 */
@Tag("interop")
class XineInteropTest {

    private static final Duration PLAY = Duration.ofSeconds(12);
    /** What coreutils' {@code timeout} exits with when it had to stop the program. */
    private static final int STOPPED_BY_TIMEOUT = 124;

    @TempDir
    Path dir;

    @Test
    void xinePlaysALiveBroadcastUntilStopped() throws Exception {
        Path aaxine = Tools.aaxine();
        Path media = Ffmpeg.make(dir.resolve("source.wmv"),
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:beep_factor=4", "-t", "40",
                "-c:v", "wmv2", "-b:v", "600k", "-g", "50", "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
        try (LiveBroadcast live = LiveBroadcast.start(media, NetworkSinkConfig.builder().build())) {
            Thread.sleep(1500);
            CompletableFuture<XinePlay> mmsh = CompletableFuture.supplyAsync(() -> play(aaxine, live.mmsh().toString(), "mmsh"));
            CompletableFuture<XinePlay> http = CompletableFuture.supplyAsync(() -> play(aaxine, live.http().toString(), "http"));
            assertPlayed(mmsh.get(60, TimeUnit.SECONDS), "xine over mmsh");
            assertPlayed(http.get(60, TimeUnit.SECONDS), "xine over http");
        }
    }

    /** Plays {@code url} for {@link #PLAY} in its own directory (xine writes {@code xine-out.wav} there). */
    private XinePlay play(Path aaxine, String url, String name) {
        try {
            Path work = Files.createDirectories(dir.resolve(name));
            // HOME: xine keeps its config in ~/.xine; the test's own keeps the user's untouched.
            ProcessRun run = ProcessRun.run(PLAY.plusSeconds(30), work, List.of("env", "HOME=" + work,
                    "timeout", Long.toString(PLAY.toSeconds()), aaxine.toString(), "-driver", "stdout",
                    "-kbddriver", "stdin", "-V", "aa", "-A", "file", "-q", url));
            Path wav = work.resolve("xine-out.wav");
            double seconds = Files.exists(wav) ? wavSeconds(wav) : 0;
            // The aalib "stdout" driver ends each picture with a form feed.
            long pictures = run.stdout().chars().filter(c -> c == '\f').count();
            return new XinePlay(run, seconds, pictures);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertPlayed(XinePlay play, String what) {
        String log = play.run().stderr();
        assertThat(play.run().exitCode()).as("%s ended by itself (exit code); stderr: %s", what, log)
                .isEqualTo(STOPPED_BY_TIMEOUT);
        // xine buffers for a second or two first; most of the run must be sound and pictures.
        assertThat(play.audioSeconds()).as("%s: seconds of sound decoded; stderr: %s", what, log)
                .isGreaterThan(PLAY.toSeconds() / 2.0);
        assertThat(play.pictures()).as("%s: pictures shown; stderr: %s", what, log)
                .isGreaterThan(PLAY.toSeconds() / 2 * 25);
    }

    /** The sound's length: data bytes over the byte rate of the WAV header (xine never closes the file). */
    private static double wavSeconds(Path wav) throws IOException {
        byte[] bytes = Files.readAllBytes(wav);
        if (bytes.length < 44) {
            return 0;
        }
        long byteRate = Integer.toUnsignedLong(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(28));
        return byteRate == 0 ? 0 : (bytes.length - 44) / (double) byteRate;
    }

    private record XinePlay(ProcessRun run, double audioSeconds, long pictures) {
    }
}
