package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.asf.testing.Unprivileged;

/**
 * The three real players on a live URL, each checked for clean pictures and sound. VLC and MPlayer
 * play for a wall-clock time and are then stopped (SIGINT, as Ctrl-C): their own limits
 * ({@code --run-time}, {@code -endpos}) count in the stream's timestamps, which on a live point
 * started before the player joined are already past any short limit, so they would stop at once.
 */
final class Players {

    /** Exit code of {@code timeout(1)} when it had to stop the player: it was still playing. */
    private static final int STOPPED_WHILE_PLAYING = 124;
    /** What VLC and MPlayer get on top of the play time to start up and buffer. */
    private static final int STARTUP_SECONDS = 3;
    /** Messages of FFmpeg's decoders (inside VLC and MPlayer too); the scaler's notes are not. */
    private static final Pattern DECODER_COMPLAINT =
            Pattern.compile(".*\\[(wmv\\d|wmav\\d|msmpeg4\\w*|mjpeg|pcm\\w*) @ 0x[0-9a-f]+\\].*");
    /** What MPlayer's WMV decoder prints as it opens, for any file or stream (its own get_buffer2 callback). */
    private static final String MPLAYER_DECODER_SETUP = "Requested frame threading with a custom get_buffer2()";
    /** What FFmpeg's ASF demuxer says of each keep-alive payload (a stream the header leaves free) it skips. */
    private static final Pattern KEEP_ALIVE_SKIPPED =
            Pattern.compile("\\[asf @ 0x[0-9a-f]+\\] ff asf skip \\d+ \\(unknown stream\\)");
    private static final Pattern MEDIA_TYPE = Pattern.compile("#media_type (\\d+): (\\w+)");
    private static final Pattern TIME_BASE = Pattern.compile("#tb (\\d+): (\\d+)/(\\d+)");

    /** What a broadcast carries: each player's output is checked for each of these. */
    enum Media {
        AUDIO(true, false), VIDEO(false, true), AUDIO_VIDEO(true, true);

        final boolean audio;
        final boolean video;

        Media(boolean audio, boolean video) {
            this.audio = audio;
            this.video = video;
        }
    }

    /** One player's run, under way; {@link #check} waits for its end and fails on any problem. */
    interface Play {
        /** Checks that the player decoded {@code media} cleanly; returns what it printed. */
        String check(Media media) throws Exception;
    }

    private Players() {
    }

    /** Plays {@code mmsh} in FFmpeg, VLC and MPlayer together for about {@code seconds}; fails on any problem. */
    static void allPlay(Path dir, String mmsh, int seconds) throws Exception {
        allPlay(dir, mmsh, seconds, Media.AUDIO_VIDEO);
    }

    /** Plays {@code url} in FFmpeg, VLC and MPlayer together for about {@code seconds}, expecting {@code media}. */
    static void allPlay(Path dir, String url, int seconds, Media media) throws Exception {
        List<Play> plays = List.of(ffmpeg(dir, url, seconds), vlc(dir, url, seconds), mplayer(dir, seconds, url));
        for (Play play : plays) {
            play.check(media);
        }
    }

    /** FFmpeg decoding {@code seconds} of {@code url} to frame checksums. */
    static FfmpegPlay ffmpeg(Path dir, String url, int seconds) {
        return new FfmpegPlay(dir, url, seconds, List.of());
    }

    /** FFmpeg decoding {@code seconds} of {@code url}, its command run through {@code wrapper} (another host's {@code ip netns exec NS}). */
    static FfmpegPlay ffmpeg(Path dir, String url, int seconds, List<String> wrapper) {
        return new FfmpegPlay(dir, url, seconds, wrapper);
    }

    /** FFmpeg's run: its frame checksums go to a file as they are decoded, so a test can wait for the first. */
    static final class FfmpegPlay implements Play {
        private final String url;
        private final int seconds;
        private final Path frames;
        private final Duration limit;
        private final CompletableFuture<ProcessRun> run;

        private FfmpegPlay(Path dir, String url, int seconds, List<String> wrapper) {
            this.url = url;
            this.seconds = seconds;
            this.frames = dir.resolve("ffmpeg-" + System.nanoTime() + ".framemd5");
            this.limit = Duration.ofSeconds(seconds + 40);
            List<String> command = new ArrayList<>(wrapper);
            command.addAll(List.of(Tools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i", url, "-t",
                    Integer.toString(seconds), "-map", "0", "-flush_packets", "1", "-f", "framemd5", frames.toString()));
            // A thread of its own: in the common pool, players past its parallelism would wait their turn.
            this.run = CompletableFuture.supplyAsync(() -> ProcessRun.run(limit, dir, command), task -> {
                Thread t = new Thread(task, "ffmpeg on " + url);
                t.setDaemon(true);
                t.start();
            });
        }

        /** Waits until FFmpeg has decoded a frame: it has been admitted and is playing. */
        void awaitDecoding(Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (Files.exists(frames) && Files.readAllLines(frames).stream().anyMatch(l -> !l.isBlank() && !l.startsWith("#"))) {
                    return;
                }
                if (run.isDone()) {
                    throw new AssertionError("FFmpeg on " + url + " ended before decoding a frame: " + run.get().stderr());
                }
                Thread.sleep(50);
            }
            throw new AssertionError("FFmpeg on " + url + " decoded nothing within " + timeout);
        }

        /** Whether FFmpeg has exited within {@code timeout} (for a player the server ended: kicked, dropped). */
        boolean awaitExit(Duration timeout) throws InterruptedException {
            try {
                run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError("FFmpeg on " + url + " could not be run", e.getCause());
            }
        }

        /** Waits for FFmpeg's end and returns its run, whatever its exit (a player whose server went away). */
        ProcessRun ended() throws Exception {
            return run.get(limit.toSeconds() + 5, TimeUnit.SECONDS);
        }

        /** Waits for FFmpeg to end by itself (the stream's end, exit 0); returns its framemd5 lines, comments left out. */
        List<String> frameLines() throws Exception {
            ProcessRun f = run.get(limit.toSeconds() + 5, TimeUnit.SECONDS);
            // An on-demand stream's end makes FFmpeg's mmsh reader say "Stream ended!": the frames tell.
            assertThat(f.exitCode()).as("FFmpeg on %s exit; stderr %s", url, f.stderr()).isZero();
            return Files.readAllLines(frames).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }

        @Override
        public String check(Media media) throws Exception {
            return check(media, line -> false);
        }

        /**
         * As {@link #check(Media)}, for a play through a silence of its source (an origin restarting): FFmpeg's
         * demuxer then names each keep-alive payload it skips, which is no error.
         */
        String checkThroughSilence(Media media) throws Exception {
            return check(media, line -> KEEP_ALIVE_SKIPPED.matcher(line).matches());
        }

        /** As {@link #check(Media)}, with the lines of FFmpeg's errors that {@code harmless} accepts let through. */
        String check(Media media, java.util.function.Predicate<String> harmless) throws Exception {
            ProcessRun f = run.get(limit.toSeconds() + 5, TimeUnit.SECONDS);
            assertThat(f.exitCode()).as("FFmpeg on %s exit; stderr %s", url, f.stderr()).isZero();
            assertThat(f.stderr().lines().filter(harmless.negate())).as("FFmpeg's errors on %s", url).isEmpty();
            Map<String, Decoded> decoded = decodedByMediaType(Files.readString(frames));
            System.out.printf("FFmpeg on %s: %s%n", url, decoded);
            Decoded none = new Decoded(0, 0);
            // Timestamps over all but a second of the play: it played to its end, not cut off midway.
            if (media.video) {
                Decoded video = decoded.getOrDefault("video", none);
                assertThat(video.frames()).as("FFmpeg video frames of %s", url).isGreaterThan(seconds * 20L);
                assertThat(video.seconds()).as("FFmpeg video seconds of %s", url).isGreaterThan(seconds - 1.0);
            }
            if (media.audio) {
                Decoded audio = decoded.getOrDefault("audio", none);
                assertThat(audio.frames()).as("FFmpeg audio frames of %s", url).isGreaterThan(seconds * 5L);
                assertThat(audio.seconds()).as("FFmpeg audio seconds of %s", url).isGreaterThan(seconds - 1.0);
            }
            return f.stderr();
        }
    }

    /** VLC (unprivileged) playing {@code url} (a stream, or an .asx it follows) for about {@code seconds}. */
    static Play vlc(Path dir, String url, int seconds) throws Exception {
        String name = "vlc-" + System.nanoTime();
        Path scenes = Files.createDirectories(dir.resolve(name));
        Path wav = dir.resolve(name + ".wav");
        Unprivileged.share(dir);
        CompletableFuture<ProcessRun> run = stoppedAfter(dir, seconds, true, List.of(Tools.cvlc().toString(), "-vv",
                "-I", "dummy", "--play-and-exit", "--aout=afile", "--audiofile-file=" + wav, "--vout=dummy",
                "--video-filter=scene", "--scene-format=png", "--scene-ratio=1", "--scene-prefix=f",
                "--scene-path=" + scenes, url));
        return media -> {
            ProcessRun v = run.get(seconds + STARTUP_SECONDS + 30L, TimeUnit.SECONDS);
            String log = v.stdout() + v.stderr();
            assertThat(v.exitCode()).as("VLC on %s still playing when stopped (not ended by itself); log %s", url,
                    tail(log)).isEqualTo(STOPPED_WHILE_PLAYING);
            // What a decoder says while VLC shuts down (it tears the decoders down mid-frame) is no complaint.
            int exiting = log.indexOf("main libvlc debug: exiting");
            try (Stream<Path> shown = Files.list(scenes)) {
                System.out.printf("VLC on %s: %d frames shown, %.1f s of sound%n", url, shown.count(), WavFile.seconds(wav));
            }
            String playing = exiting < 0 ? log : log.substring(0, exiting);
            assertThat(complaints(playing)).as("decoder complaints in VLC's log of %s", url).isEmpty();
            if (media.video) {
                assertThat(playing).as("VLC's video decoder for %s", url).contains("using video decoder module");
                try (Stream<Path> shown = Files.list(scenes)) {
                    assertThat(shown.count()).as("frames VLC showed of %s", url).isGreaterThan(seconds * 10L);
                }
            }
            if (media.audio) {
                assertThat(playing).as("VLC's audio decoder for %s", url).contains("using audio decoder module");
                assertThat(WavFile.seconds(wav)).as("seconds of sound VLC played of %s", url).isGreaterThan(seconds * 0.4);
            }
            return log;
        };
    }

    /** MPlayer playing {@code target} (a URL, or {@code -playlist URL}) for about {@code seconds}. */
    static Play mplayer(Path dir, int seconds, String... target) {
        String name = "mplayer-" + System.nanoTime();
        Path sums = dir.resolve(name + ".md5");
        Path wav = dir.resolve(name + ".wav");
        List<String> command = new ArrayList<>(List.of(Tools.mplayer().toString(), "-quiet", "-nolirc",
                "-noconsolecontrols", "-vo", "md5sum:outfile=" + sums, "-ao", "pcm:fast:file=" + wav));
        command.addAll(List.of(target));
        CompletableFuture<ProcessRun> run = stoppedAfter(dir, seconds, false, command);
        String what = String.join(" ", target);
        return media -> {
            ProcessRun m = run.get(seconds + STARTUP_SECONDS + 30L, TimeUnit.SECONDS);
            String log = m.stdout() + m.stderr();
            assertThat(m.exitCode()).as("MPlayer on %s still playing when stopped (not ended by itself); output %s",
                    what, tail(log)).isEqualTo(STOPPED_WHILE_PLAYING);
            assertThat(complaints(log)).as("decoder complaints in MPlayer's output for %s", what).isEmpty();
            System.out.printf("MPlayer on %s: %d frames, %.1f s of sound%n", what,
                    Files.exists(sums) ? Files.readAllLines(sums).size() : 0, WavFile.seconds(wav));
            if (media.video) {
                long frames = Files.exists(sums) ? Files.readAllLines(sums).size() : 0;
                assertThat(frames).as("MPlayer frames of %s", what).isGreaterThan(seconds * 10L);
            }
            if (media.audio) {
                assertThat(WavFile.seconds(wav)).as("seconds of sound MPlayer played of %s", what).isGreaterThan(seconds * 0.4);
            }
            return log;
        };
    }

    /** Runs the player for {@code seconds} plus its start-up, then stops it with SIGINT (SIGKILL 5 s later). */
    private static CompletableFuture<ProcessRun> stoppedAfter(Path dir, int seconds, boolean unprivileged,
                                                              List<String> player) {
        List<String> command = new ArrayList<>(List.of(Tools.require("timeout", "coreutils").toString(),
                "--signal=INT", "--kill-after=5", Integer.toString(seconds + STARTUP_SECONDS)));
        command.addAll(player);
        List<String> run = unprivileged ? Unprivileged.command(command) : command;
        Duration limit = Duration.ofSeconds(seconds + STARTUP_SECONDS + 25L);
        return CompletableFuture.supplyAsync(() -> ProcessRun.run(limit, dir, run));
    }

    /** What FFmpeg decoded of one media type: how many frames, over how many seconds of timestamps. */
    record Decoded(long frames, double seconds) {
    }

    /** FFmpeg's framemd5 output summed up by its streams' media type ("video", "audio"). */
    private static Map<String, Decoded> decodedByMediaType(String framemd5) {
        Map<String, String> typeOfStream = new HashMap<>();
        Map<String, Double> timeBase = new HashMap<>();
        Map<String, long[]> seen = new HashMap<>(); // type -> {frames, first pts, last pts}
        Map<String, Double> typeBase = new HashMap<>();
        for (String line : framemd5.split("\n")) {
            Matcher type = MEDIA_TYPE.matcher(line);
            Matcher base = TIME_BASE.matcher(line);
            if (type.matches()) {
                typeOfStream.put(type.group(1), type.group(2));
            } else if (base.matches()) {
                timeBase.put(base.group(1), Double.parseDouble(base.group(2)) / Double.parseDouble(base.group(3)));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split(",");
                String stream = f[0].trim();
                String kind = typeOfStream.getOrDefault(stream, "unknown");
                typeBase.putIfAbsent(kind, timeBase.getOrDefault(stream, 0.0));
                long pts = Long.parseLong(f[2].trim());
                long[] s = seen.computeIfAbsent(kind, k -> new long[] {0, pts, pts});
                s[0]++;
                s[1] = Math.min(s[1], pts);
                s[2] = Math.max(s[2], pts);
            }
        }
        Map<String, Decoded> decoded = new HashMap<>();
        seen.forEach((kind, s) -> decoded.put(kind, new Decoded(s[0], (s[2] - s[1]) * typeBase.get(kind))));
        return decoded;
    }

    /** The lines of {@code log} in which a decoder complains (FFmpeg's, also inside VLC and MPlayer). */
    static List<String> complaints(String log) {
        return log.lines().filter(l -> DECODER_COMPLAINT.matcher(l).matches() && !l.contains(MPLAYER_DECODER_SETUP))
                .toList();
    }

    private static String tail(String log) {
        return log.length() > 4000 ? "..." + log.substring(log.length() - 4000) : log;
    }
}
