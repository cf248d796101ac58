package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.asf.testing.Unprivileged;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real players on one live broadcast of an FFmpeg-made WMV (WMV2 + WMAv2, a key frame every
 * 2 s), paced in real time: FFmpeg over {@code mmsh://} and {@code http://}, VLC over
 * {@code mmsh://} (unprivileged) and MPlayer over {@code mmsh://}, each joining mid-GOP and playing
 * about 10 s at the same time. Every decoded frame is clean (the decoders report nothing) and audio
 * comes out too.
 */
@Tag("interop")
class PlayersInteropTest {

    private static final Duration PLAY = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void ffmpegVlcAndMplayerPlayCleanPicturesAndSound() throws Exception {
        Path ffmpeg = Tools.ffmpeg();
        Path cvlc = Tools.cvlc();
        Path mplayer = Tools.mplayer();
        Path media = Ffmpeg.make(dir.resolve("source.wmv"),
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:beep_factor=4", "-t", "40",
                "-c:v", "wmv2", "-b:v", "600k", "-g", "50", "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
        Unprivileged.share(dir);
        NetworkSinkConfig config = NetworkSinkConfig.builder().maximumClients(10).build();
        try (LiveBroadcast live = LiveBroadcast.start(media, config)) {
            Thread.sleep(2700); // join well inside a 2 s GOP
            String mmsh = "mmsh://127.0.0.1:" + live.port + "/";
            String http = "http://127.0.0.1:" + live.port + "/";
            Path scenes = Files.createDirectories(dir.resolve("vlc-frames"));
            Unprivileged.share(dir);
            Path wav = dir.resolve("mplayer.wav");
            Path sums = dir.resolve("mplayer.md5");

            CompletableFuture<ProcessRun> ffMmsh = start(() -> ffmpegPlay(ffmpeg, mmsh));
            Thread.sleep(300);
            CompletableFuture<ProcessRun> ffHttp = start(() -> ffmpegPlay(ffmpeg, http));
            Thread.sleep(300);
            CompletableFuture<ProcessRun> vlc = start(() -> ProcessRun.run(PLAY.plusSeconds(30), dir,
                    Unprivileged.command(List.of(cvlc.toString(), "-vv", "-I", "dummy", "--play-and-exit",
                            "--run-time=" + PLAY.toSeconds(), "--aout=dummy", "--vout=dummy",
                            "--video-filter=scene", "--scene-format=png", "--scene-ratio=1", "--scene-prefix=f",
                            "--scene-path=" + scenes, mmsh))));
            Thread.sleep(300);
            CompletableFuture<ProcessRun> mp = start(() -> ProcessRun.run(PLAY.plusSeconds(30), dir, List.of(
                    mplayer.toString(), "-really-quiet", "-nolirc", "-noconsolecontrols", "-vo", "md5sum:outfile=" + sums,
                    "-ao", "pcm:fast:file=" + wav, "-frames", Long.toString(PLAY.toSeconds() * 25), mmsh)));

            assertFfmpegClean(ffMmsh.get(60, TimeUnit.SECONDS), "FFmpeg over mmsh");
            assertFfmpegClean(ffHttp.get(60, TimeUnit.SECONDS), "FFmpeg over http");

            ProcessRun vlcRun = vlc.get(60, TimeUnit.SECONDS);
            String vlcLog = vlcRun.stdout() + vlcRun.stderr();
            assertThat(vlcLog).contains("codec (wmv2) started").contains("codec (wmav2) started");
            assertThat(vlcLog.lines().filter(l -> l.contains("wmv2 @") || l.contains("wmav2 @")).toList())
                    .as("decoder complaints in VLC's log").isEmpty();
            try (Stream<Path> frames = Files.list(scenes)) {
                // VLC takes a moment to buffer; most of the 10 s must be pictures.
                assertThat(frames.count()).as("frames VLC showed").isGreaterThan(150);
            }

            ProcessRun mpRun = mp.get(60, TimeUnit.SECONDS);
            assertThat(mpRun.exitCode()).as("MPlayer's exit code; stderr: %s", mpRun.stderr()).isZero();
            assertThat(Files.readAllLines(sums)).as("frames MPlayer decoded").hasSize((int) PLAY.toSeconds() * 25);
            // 10 s of 44.1 kHz audio as samples (MPlayer writes float or 16-bit; at least 16-bit mono).
            assertThat(Files.size(wav)).as("MPlayer's audio").isGreaterThan(8L * 44100 * 2);
        }
    }

    private ProcessRun ffmpegPlay(Path ffmpeg, String url) {
        return ProcessRun.run(PLAY.plusSeconds(30), dir, List.of(ffmpeg.toString(), "-nostdin", "-v", "error",
                "-i", url, "-t", Long.toString(PLAY.toSeconds()), "-map", "0", "-f", "framemd5", "-"));
    }

    private static void assertFfmpegClean(ProcessRun run, String what) {
        assertThat(run.exitCode()).as("%s exit code; stderr: %s", what, run.stderr()).isZero();
        assertThat(run.stderr()).as("%s error log", what).isBlank();
        List<String> frames = run.stdout().lines().filter(l -> !l.startsWith("#")).toList();
        long video = frames.stream().filter(l -> l.startsWith("0,")).count();
        long audio = frames.stream().filter(l -> l.startsWith("1,")).count();
        assertThat(video).as("%s video frames", what).isGreaterThanOrEqualTo(PLAY.toSeconds() * 25 - 2);
        assertThat(audio).as("%s audio frames", what).isGreaterThan(PLAY.toSeconds() * 10);
    }

    private static CompletableFuture<ProcessRun> start(Supplier<ProcessRun> run) {
        return CompletableFuture.supplyAsync(run);
    }
}
