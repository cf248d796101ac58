package org.asfcast.asf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Plays a file in each real player and reports what it decoded, so tests can check that every
 * frame came out and that seeking works.
 */
public final class Players {

    private static final Duration PLAY_LIMIT = Duration.ofMinutes(2);

    private Players() {
    }

    /** One decoded frame as FFmpeg's framemd5 muxer lists it. */
    public record DecodedFrame(int streamIndex, long pts, String md5) {
    }

    /**
     * Decodes every stream with FFmpeg ({@code -f framemd5}), optionally after seeking to
     * {@code startSeconds} (timestamps kept as in the file with {@code -copyts}). Fails the test on
     * any decoder error.
     */
    public static List<DecodedFrame> ffmpegFrames(Path file, double startSeconds) {
        List<String> command = new ArrayList<>(List.of(Tools.ffmpeg().toString(), "-nostdin", "-v", "error"));
        if (startSeconds > 0) {
            command.addAll(List.of("-ss", Double.toString(startSeconds), "-copyts"));
        }
        command.addAll(List.of("-i", file.toString(), "-map", "0", "-f", "framemd5", "-"));
        ProcessRun run = ProcessRun.succeed(PLAY_LIMIT, file.toAbsolutePath().getParent(), command);
        if (!run.stderr().isBlank()) {
            throw new AssertionError("FFmpeg reported errors while decoding " + file + ":\n" + run.stderr());
        }
        List<DecodedFrame> frames = new ArrayList<>();
        for (String line : run.stdout().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",");
            frames.add(new DecodedFrame(Integer.parseInt(f[0].trim()), Long.parseLong(f[2].trim()), f[5].trim()));
        }
        return frames;
    }

    /** The frames of one stream index from {@link #ffmpegFrames}. */
    public static List<DecodedFrame> stream(List<DecodedFrame> frames, int streamIndex) {
        return frames.stream().filter(f -> f.streamIndex() == streamIndex).toList();
    }

    /** Video frames MPlayer's own ASF demuxer decodes ({@code -vo md5sum}), from {@code startSeconds}. */
    public static int mplayerVideoFrames(Path file, double startSeconds) {
        Path dir = file.toAbsolutePath().getParent();
        Path sums = dir.resolve("mplayer-" + System.nanoTime() + ".md5");
        List<String> command = new ArrayList<>(List.of(Tools.mplayer().toString(),
                "-really-quiet", "-nolirc", "-noconsolecontrols", "-nosound", "-benchmark",
                "-vo", "md5sum:outfile=" + sums));
        if (startSeconds > 0) {
            command.addAll(List.of("-ss", Double.toString(startSeconds)));
        }
        command.add(file.toString());
        ProcessRun.succeed(PLAY_LIMIT, dir, command);
        return countLines(sums);
    }

    /**
     * Video frames VLC shows, counted by its scene filter writing each one as a picture. VLC runs
     * in real time, unprivileged; {@code startSeconds} uses its {@code --start-time}.
     */
    public static int vlcVideoFrames(Path file, double startSeconds) {
        Path dir = file.toAbsolutePath().getParent();
        Path scenes = dir.resolve("vlc-scenes-" + System.nanoTime());
        try {
            Files.createDirectories(scenes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Unprivileged.share(dir);
        List<String> command = new ArrayList<>(List.of(Tools.cvlc().toString(),
                "-I", "dummy", "--play-and-exit", "--no-audio", "--vout=dummy",
                "--video-filter=scene", "--scene-format=png", "--scene-ratio=1",
                "--scene-prefix=f", "--scene-path=" + scenes));
        if (startSeconds > 0) {
            command.add("--start-time=" + startSeconds);
        }
        command.add(file.toString());
        ProcessRun.succeed(PLAY_LIMIT, dir, Unprivileged.command(command));
        try (Stream<Path> files = Files.list(scenes)) {
            return (int) files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int countLines(Path file) {
        try {
            return Files.exists(file) ? (int) Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
