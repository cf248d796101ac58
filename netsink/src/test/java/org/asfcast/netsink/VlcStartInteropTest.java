package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.asf.testing.Unprivileged;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How soon VLC starts when it joins a live broadcast: its first sound from an audio-only one
 * (WMAv2) against its first picture from a video one (WMV2 + WMAv2, a key frame every 2 s), both
 * made by FFmpeg (preroll 3.1 s) and served with the default settings, timed from VLC's Play
 * request. VLC shows a video's first picture while it still buffers, but plays no sound before its
 * buffering ends ("Decoder wait done", when its audio output gets the first samples), which takes
 * packets sent a preroll plus its network caching (1 s) after the first one it got: a burst short
 * of that left it waiting for live data (first sound 1.3-1.6 s, first picture 0.1-0.3 s).
 */
@Tag("interop")
class VlcStartInteropTest {

    private static final int RUNS = 5;
    /**
     * How much later than the picture the sound may come. Waiting for live data costs at least the
     * part of the buffer the burst lacks, seconds in real time; a start from the burst costs VLC
     * the same reading and decoding for both.
     */
    private static final long SLACK_MILLIS = 500;

    @TempDir
    Path dir;

    @Test
    void firstSoundOfAnAudioOnlyBroadcastComesAsSoonAsTheFirstPictureOfAVideoOne() throws Exception {
        Path cvlc = Tools.cvlc();
        Path radio = Ffmpeg.make(dir.resolve("radio.wma"),
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:beep_factor=4", "-t", "60",
                "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
        Path tv = Ffmpeg.make(dir.resolve("tv.wmv"),
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", "60", "-c:v", "wmv2", "-b:v", "600k", "-g", "50", "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
        Unprivileged.share(dir);
        NetworkSinkConfig config = NetworkSinkConfig.defaults();
        try (LiveBroadcast audio = LiveBroadcast.start(radio, config);
             LiveBroadcast video = LiveBroadcast.start(tv, config)) {
            Thread.sleep(8000); // the rings fill: a preroll, the join burst and a key-frame interval
            List<Long> sound = new ArrayList<>();
            List<Long> picture = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                // Joins spread over the 2 s between key frames and the 400 ms between audio packets.
                Thread.sleep(300 + i * 730L % 2000);
                picture.add(vlcStart(cvlc, video.mmsh(), "Received first picture"));
                Thread.sleep(300 + i * 170L % 400);
                sound.add(vlcStart(cvlc, audio.mmsh(), "Decoder wait done"));
            }
            long soundMedian = median(sound);
            long pictureMedian = median(picture);
            System.out.printf("VLC from Play: first sound (audio only) %s ms, median %d; first picture (video) %s ms, median %d%n",
                    sound, soundMedian, picture, pictureMedian);
            assertThat(soundMedian).as("median ms to VLC's first sound of the audio-only broadcast (runs %s), against "
                            + "its first picture of the video one (runs %s)", sound, picture)
                    .isLessThanOrEqualTo(pictureMedian + SLACK_MILLIS);
        }
    }

    /** Milliseconds from VLC's Play request to the first log line containing {@code marker}. */
    private long vlcStart(Path cvlc, URI url, String marker) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Unprivileged.command(List.of(cvlc.toString(), "-vv", "-I", "dummy",
                "--aout=dummy", "--vout=dummy", url.toString()))).directory(dir.toFile()).redirectErrorStream(true);
        Process vlc = builder.start();
        try {
            CompletableFuture<Long> start = CompletableFuture.supplyAsync(() -> readUntil(vlc, marker));
            return start.get(20, TimeUnit.SECONDS);
        } finally {
            ProcessRun.stop(vlc);
        }
    }

    private static long readUntil(Process vlc, String marker) {
        List<String> log = new ArrayList<>();
        long requested = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(vlc.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                long now = System.nanoTime();
                log.add(line);
                if (requested < 0 && line.contains("xPlayStrm=1")) {
                    requested = now;
                } else if (requested >= 0 && line.contains(marker)) {
                    return TimeUnit.NANOSECONDS.toMillis(now - requested);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("VLC ended without \"" + marker + "\" after its Play request; its log ends with "
                + log.subList(Math.max(0, log.size() - 30), log.size()));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
