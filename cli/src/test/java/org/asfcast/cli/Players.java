package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.asf.testing.Unprivileged;

/** The three real players on a live URL at once, each checked for clean pictures and sound. */
final class Players {

    private Players() {
    }

    /** Plays {@code mmsh} in FFmpeg, VLC and MPlayer together for about {@code seconds}; fails on any problem. */
    static void allPlay(Path dir, String mmsh, int seconds) throws Exception {
        Path ffmpeg = Tools.ffmpeg();
        Path cvlc = Tools.cvlc();
        Path mplayer = Tools.mplayer();
        Path scenes = Files.createDirectories(dir.resolve("vlc-" + System.nanoTime()));
        Unprivileged.share(dir);
        Path sums = dir.resolve("mplayer-" + System.nanoTime() + ".md5");
        Path wav = dir.resolve("mplayer-" + System.nanoTime() + ".wav");
        Duration limit = Duration.ofSeconds(seconds + 40);
        CompletableFuture<ProcessRun> ff = CompletableFuture.supplyAsync(() -> ProcessRun.run(limit, dir, List.of(
                ffmpeg.toString(), "-nostdin", "-v", "error", "-i", mmsh, "-t", Integer.toString(seconds),
                "-map", "0", "-f", "framemd5", "-")));
        CompletableFuture<ProcessRun> vlc = CompletableFuture.supplyAsync(() -> ProcessRun.run(limit, dir,
                Unprivileged.command(List.of(cvlc.toString(), "-vv", "-I", "dummy", "--play-and-exit",
                        "--run-time=" + seconds, "--aout=dummy", "--vout=dummy", "--video-filter=scene",
                        "--scene-format=png", "--scene-ratio=1", "--scene-prefix=f", "--scene-path=" + scenes, mmsh))));
        CompletableFuture<ProcessRun> mp = CompletableFuture.supplyAsync(() -> ProcessRun.run(limit, dir, List.of(
                mplayer.toString(), "-really-quiet", "-nolirc", "-noconsolecontrols", "-vo", "md5sum:outfile=" + sums,
                "-ao", "pcm:fast:file=" + wav, "-frames", Integer.toString(seconds * 20), mmsh)));

        ProcessRun f = ff.get(limit.toSeconds() + 5, TimeUnit.SECONDS);
        assertThat(f.exitCode()).as("FFmpeg exit; stderr %s", f.stderr()).isZero();
        assertThat(f.stderr()).as("FFmpeg's errors").isBlank();
        List<String> frames = f.stdout().lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(frames.stream().filter(l -> l.startsWith("0,")).count()).as("FFmpeg video frames").isGreaterThan(seconds * 20L);
        assertThat(frames.stream().filter(l -> l.startsWith("1,")).count()).as("FFmpeg audio frames").isGreaterThan(seconds * 5L);

        ProcessRun v = vlc.get(limit.toSeconds() + 5, TimeUnit.SECONDS);
        String log = v.stdout() + v.stderr();
        assertThat(log).as("VLC's decoders").contains("using video decoder module").contains("using audio decoder module");
        // Messages from FFmpeg's decoders inside VLC (the scaler's notes about JPEG's full range are not).
        assertThat(log.lines().filter(l -> l.matches(".*\\[(wmv\\d|wmav\\d|msmpeg4\\w*|mjpeg|pcm\\w*) @ 0x[0-9a-f]+\\].*")).toList())
                .as("decoder complaints in VLC's log").isEmpty();
        try (Stream<Path> shown = Files.list(scenes)) {
            assertThat(shown.count()).as("frames VLC showed").isGreaterThan(seconds * 10L);
        }

        ProcessRun m = mp.get(limit.toSeconds() + 5, TimeUnit.SECONDS);
        assertThat(m.exitCode()).as("MPlayer exit; stderr %s", m.stderr()).isZero();
        assertThat(Files.readAllLines(sums)).as("MPlayer frames").hasSize(seconds * 20);
        assertThat(Files.size(wav)).as("MPlayer audio bytes").isGreaterThan(seconds * 8000L);
    }
}
