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
import java.util.stream.Stream;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.asf.testing.Unprivileged;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./asfcast serve -} fed by a live source that goes silent for longer than MPlayer waits on
 * a silent stream (about 20 s), then resumes: FFmpeg, VLC and MPlayer, connected throughout, play
 * what comes after the silence.
 */
@Tag("interop")
class SilentSourceIT {

    private static final int SECONDS = 16;
    private static final int BEFORE_MS = 4_000;
    private static final int SILENCE_MS = 28_000;

    @TempDir
    Path dir;

    @Test
    void playersConnectedThroughALongSilenceOfTheSourcePlayOnWhenItResumes() throws Exception {
        Path media = Ffmpeg.make(dir.resolve("live.asf"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=sample_rate=44100", "-t", Integer.toString(SECONDS), "-c:v", "wmv2",
                "-g", "25", "-c:a", "wmav2", "-f", "asf", "-seekable", "0");
        byte[] bytes = Files.readAllBytes(media);
        int split = offsetOfFirstPacketAt(bytes, BEFORE_MS);
        Path scenes = Files.createDirectories(dir.resolve("vlc"));
        Unprivileged.share(dir);
        Path sums = dir.resolve("mplayer.md5");
        Duration limit = Duration.ofSeconds(SECONDS + SILENCE_MS / 1000 + 40);
        try (AsfcastProcess serve = AsfcastProcess.start(ProcessBuilder.Redirect.PIPE, "serve", "-", "--port", "0")) {
            OutputStream stdin = serve.process.getOutputStream();
            stdin.write(bytes, 0, split); // the header and the first 4 s, played in real time
            stdin.flush();
            String mmsh = "mmsh://127.0.0.1:" + serve.awaitPort(Duration.ofSeconds(90)) + "/";
            CompletableFuture<ProcessRun> ff = CompletableFuture.supplyAsync(() -> ProcessRun.run(limit, dir, List.of(
                    Tools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i", mmsh, "-map", "0", "-f", "framemd5", "-")));
            CompletableFuture<ProcessRun> vlc = CompletableFuture.supplyAsync(() -> ProcessRun.run(limit, dir,
                    Unprivileged.command(List.of(Tools.cvlc().toString(), "-vv", "-I", "dummy", "--play-and-exit",
                            "--aout=dummy", "--vout=dummy", "--video-filter=scene", "--scene-format=png",
                            "--scene-ratio=1", "--scene-prefix=f", "--scene-path=" + scenes, mmsh))));
            CompletableFuture<ProcessRun> mp = CompletableFuture.supplyAsync(() -> ProcessRun.run(limit, dir, List.of(
                    Tools.mplayer().toString(), "-nolirc", "-noconsolecontrols", "-vo", "md5sum:outfile=" + sums,
                    "-ao", "null", mmsh)));
            Thread.sleep(BEFORE_MS + SILENCE_MS); // the source says nothing for ~28 s after its first 4 s
            stdin.write(bytes, split, bytes.length - split);
            stdin.close();

            ProcessRun f = ff.get(limit.toSeconds() + 5, TimeUnit.SECONDS);
            assertThat(f.exitCode()).as("FFmpeg exit; stderr %s", f.stderr()).isZero();
            // FFmpeg's demuxer names each keep-alive payload it skips ("ff asf skip 1 (unknown stream)"): not a decoder error.
            assertThat(f.stderr()).doesNotContain("conceal", "error while decoding", "Error at MB");
            List<Long> pts = f.stdout().lines().filter(l -> l.startsWith("0,"))
                    .map(l -> Long.parseLong(l.split(",")[1].trim())).toList();
            for (int i = 1; i < pts.size(); i++) {
                assertThat(pts.get(i) - pts.get(i - 1)).as("FFmpeg's video pts step after %d", pts.get(i - 1)).isEqualTo(1);
            }
            assertThat(pts.get(pts.size() - 1)).as("FFmpeg's last frame").isGreaterThanOrEqualTo(SECONDS * 25 - 2);

            // What was played before the silence is at most 4 s (100 frames); the rest came after it.
            ProcessRun m = mp.get(limit.toSeconds() + 5, TimeUnit.SECONDS);
            assertThat(m.exitCode()).as("MPlayer exit; stderr %s", m.stderr()).isZero();
            assertThat(Files.readAllLines(sums)).as("MPlayer's frames; its output %s", m.stdout())
                    .hasSizeGreaterThan((SECONDS - 2) * 25);

            ProcessRun v = vlc.get(limit.toSeconds() + 5, TimeUnit.SECONDS);
            String log = v.stdout() + v.stderr();
            assertThat(log.lines().filter(l -> l.matches(".*\\[(wmv\\d|wmav\\d) @ 0x[0-9a-f]+\\].*")).toList())
                    .as("decoder complaints in VLC's log").isEmpty();
            try (Stream<Path> shown = Files.list(scenes)) {
                assertThat(shown.count()).as("frames VLC showed").isGreaterThan(SECONDS * 10L);
            }
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
