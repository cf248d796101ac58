package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.asf.testing.Unprivileged;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.client.ReceivedPacket;
import org.asfcast.client.StreamEnd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media that is not Windows Media, made by FFmpeg here (H.264/AAC in MP4, AAC alone in M4A),
 * served by {@code asfcast serve FILE} and by a {@code transcode:} point, and played by the real
 * players: FFmpeg, VLC and MPlayer (and xine, for the movie) each decode pictures and sound without a complaint.
 */
@Tag("interop")
class TranscodeIT {

    @TempDir
    static Path dir;
    static Path movie;
    static Path song;

    @BeforeAll
    static void media() {
        movie = Ffmpeg.make(dir.resolve("movie.mp4"), "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "30", "-c:v", "libx264", "-preset", "veryfast",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k");
        song = Ffmpeg.make(dir.resolve("song.m4a"), "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "30",
                "-c:a", "aac", "-b:a", "96k");
    }

    @Test
    void anH264AacMoviePlaysInFfmpegVlcAndMplayer() throws Exception {
        try (AsfcastProcess serve = AsfcastProcess.start("serve", movie.toString(), "--port", "0")) {
            serve.awaitLine("waiting for movie.mp4, transcoded by FFmpeg to WMV2/WMA2", Duration.ofSeconds(90));
            int port = serve.awaitPort(Duration.ofSeconds(30));
            Thread.sleep(1500); // join mid-GOP
            Players.allPlay(dir, "mmsh://127.0.0.1:" + port + "/", 5);
            xinePlays("mmsh://127.0.0.1:" + port + "/", 8);
            assertThat(serve.stderr()).as("asfcast's warnings (FFmpeg's errors among them)")
                    .allMatch(l -> l.startsWith("asfcast: building") || l.isBlank());
            int code = serve.terminate();
            assertThat(code).as("exit code after SIGTERM; stdout %s; stderr %s", serve.stdout(), serve.stderr()).isZero();
        }
    }

    @Test
    void anAudioOnlyFilePlaysInFfmpegVlcAndMplayer() throws Exception {
        try (AsfcastProcess serve = AsfcastProcess.start("serve", song.toString(), "--port", "0")) {
            int port = serve.awaitPort(Duration.ofSeconds(90));
            soundPlays("mmsh://127.0.0.1:" + port + "/", 5);
            assertThat(serve.terminate()).isZero();
        }
    }

    /** A file read once (no --loop) ends the broadcast when FFmpeg has finished it: players get $E, serve exits 0. */
    @Test
    void aFileReadOnceEndsTheBroadcastWhenItsTranscodeEnds() throws Exception {
        Path clip = Ffmpeg.make(dir.resolve("clip.mp4"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=sample_rate=44100", "-t", "4", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac");
        try (AsfcastProcess serve = AsfcastProcess.start("serve", clip.toString(), "--port", "0")) {
            int port = serve.awaitPort(Duration.ofSeconds(90));
            int packets = 0;
            StreamEnd end;
            try (PlaySession play = MmshClient.create().play(URI.create("mmsh://127.0.0.1:" + port + "/"))) {
                for (Optional<ReceivedPacket> p; (p = play.nextPacket()).isPresent(); ) {
                    packets++;
                }
                end = play.endReason().orElseThrow();
            }
            assertThat(end.kind()).isEqualTo(StreamEnd.Kind.END_CHUNK);
            assertThat(end.normal()).isTrue();
            assertThat(packets).isGreaterThan(20);
            assertThat(serve.await(Duration.ofSeconds(20))).as("serve exits by itself at the end of the file").isZero();
            assertThat(serve.stdout()).anyMatch(l -> l.contains("broadcast ended"));
        }
    }

    /** A {@code transcode:} point with settings of its own, looped: the players play it, at the size it asks for. */
    @Test
    void aConfigTranscodePointPlaysWithItsOwnSettings() throws Exception {
        Path config = Files.writeString(dir.resolve("transcode.yml"), String.join("\n",
                "port: 0",
                "bind: 127.0.0.1",
                "points:",
                "  - path: /movie",
                "    transcode:",
                "      input: movie.mp4",
                "      loop: true",
                "      max-size: 320x240",
                "      video-bitrate: 400k",
                "      audio-bitrate: 64k",
                ""));
        try (AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(90));
            String url = "mmsh://127.0.0.1:" + port + "/movie";
            ProcessRun probe = null;
            // FFmpeg may still be starting: the point answers 503 until its header.
            for (int attempt = 0; attempt < 20; attempt++) {
                probe = ProcessRun.run(Duration.ofSeconds(30), dir, List.of(Tools.ffprobe().toString(), "-v", "error",
                        "-show_entries", "stream=codec_name,width,height,sample_rate,channels", "-of", "compact=p=0", url));
                if (probe.exitCode() == 0) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(probe.stdout().lines().toList()).as("ffprobe %s; stderr %s", url, probe.stderr())
                    .containsExactly("codec_name=wmv2|width=320|height=180", "codec_name=wmav2|sample_rate=44100|channels=2");
            Players.allPlay(dir, url, 5);
            assertThat(server.terminate()).isZero();
        }
    }

    /** xine ({@code aaxine}, pictures as text, sound to a WAV) plays for {@code seconds} until stopped, most of it pictures and sound. */
    private static void xinePlays(String mmsh, int seconds) throws Exception {
        Path work = Files.createDirectories(dir.resolve("xine-" + System.nanoTime()));
        // HOME: xine keeps its config in ~/.xine; the test's own keeps the user's untouched.
        ProcessRun run = ProcessRun.run(Duration.ofSeconds(seconds + 30), work, List.of("env", "HOME=" + work, "timeout",
                Integer.toString(seconds), Tools.aaxine().toString(), "-driver", "stdout", "-kbddriver", "stdin", "-V", "aa",
                "-A", "file", "-q", mmsh));
        assertThat(run.exitCode()).as("xine played until stopped (timeout's 124); stderr %s", run.stderr()).isEqualTo(124);
        // The aalib "stdout" driver ends each picture with a form feed; xine buffers a second or two first.
        assertThat(run.stdout().chars().filter(c -> c == '\f').count()).as("pictures xine showed").isGreaterThan(seconds / 2 * 25L);
        assertThat(Files.size(work.resolve("xine-out.wav"))).as("xine's sound bytes (16-bit stereo 44.1 kHz)")
                .isGreaterThan(seconds / 2 * 176_400L);
    }

    /** An audio-only stream in FFmpeg, VLC and MPlayer together: each decodes sound, none complains. */
    private static void soundPlays(String mmsh, int seconds) throws Exception {
        Path wav = dir.resolve("mplayer-" + System.nanoTime() + ".wav");
        Path vlcWav = dir.resolve("vlc-" + System.nanoTime() + ".wav");
        Unprivileged.share(dir);
        Duration limit = Duration.ofSeconds(seconds + 40);
        CompletableFuture<ProcessRun> ff = CompletableFuture.supplyAsync(() -> ProcessRun.run(limit, dir, List.of(
                Tools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i", mmsh, "-t", Integer.toString(seconds),
                "-map", "0", "-f", "framemd5", "-")));
        CompletableFuture<ProcessRun> vlc = CompletableFuture.supplyAsync(() -> ProcessRun.run(limit, dir,
                Unprivileged.command(List.of(Tools.cvlc().toString(), "-vv", "-I", "dummy", "--play-and-exit",
                        "--run-time=" + seconds, "--aout=afile", "--audiofile-file=" + vlcWav, mmsh))));
        CompletableFuture<ProcessRun> mp = CompletableFuture.supplyAsync(() -> ProcessRun.run(limit, dir, List.of(
                Tools.mplayer().toString(), "-really-quiet", "-nolirc", "-noconsolecontrols", "-vo", "null",
                "-ao", "pcm:fast:file=" + wav, "-endpos", Integer.toString(seconds), mmsh)));

        ProcessRun f = ff.get(limit.toSeconds() + 5, TimeUnit.SECONDS);
        assertThat(f.exitCode()).as("FFmpeg exit; stderr %s", f.stderr()).isZero();
        assertThat(f.stderr()).as("FFmpeg's errors").isBlank();
        List<String> frames = f.stdout().lines().filter(l -> !l.startsWith("#")).toList();
        // WMA2 at 44.1 kHz: 2048 samples a frame, 21.5 a second.
        assertThat(frames).as("FFmpeg audio frames").allMatch(l -> l.startsWith("0,")).hasSizeGreaterThan(seconds * 15);

        ProcessRun v = vlc.get(limit.toSeconds() + 5, TimeUnit.SECONDS);
        String log = v.stdout() + v.stderr();
        assertThat(log).as("VLC's decoder").contains("using audio decoder module");
        assertThat(log.lines().filter(l -> l.matches(".*\\[wmav\\d @ 0x[0-9a-f]+\\].*")).toList())
                .as("decoder complaints in VLC's log").isEmpty();
        // 16-bit stereo at 44.1 kHz is 176 kB a second; VLC's first second is spent buffering.
        assertThat(Files.size(vlcWav)).as("VLC audio bytes").isGreaterThan((seconds - 2) * 176_400L);

        ProcessRun m = mp.get(limit.toSeconds() + 5, TimeUnit.SECONDS);
        assertThat(m.exitCode()).as("MPlayer exit; stderr %s", m.stderr()).isZero();
        assertThat(Files.size(wav)).as("MPlayer audio bytes").isGreaterThan((seconds - 2) * 176_400L);
    }
}
