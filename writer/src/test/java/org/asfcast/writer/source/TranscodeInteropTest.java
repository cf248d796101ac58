package org.asfcast.writer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transcode's command line run by the real FFmpeg on inputs players would otherwise refuse
 * (H.264/AAC, an odd anamorphic picture, 5.1 sound, audio only, an MP3 with cover art), each
 * output checked with ffprobe: WMV2 of even size with square pixels, a key frame every 2 s, WMA2
 * stereo 44.1 kHz.
 */
@Tag("interop")
@Timeout(180)
class TranscodeInteropTest {

    @TempDir
    Path dir;

    /** Runs the default transcode of {@code input} into a file instead of standard output; returns ffprobe's streams. */
    private List<String> transcoded(Path input) {
        List<String> command = new ArrayList<>(TranscodeCommand.arguments(Tools.ffmpeg(), TranscodeInput.ofFile(input, false),
                TranscodeSettings.DEFAULTS));
        Path out = dir.resolve(input.getFileName() + ".asf");
        command.set(command.size() - 1, out.toString());
        ProcessRun run = ProcessRun.succeed(Duration.ofSeconds(60), dir, command);
        assertThat(run.stderr()).as("FFmpeg's complaints transcoding %s", input).isBlank();
        return ProcessRun.succeed(Duration.ofSeconds(30), dir, List.of(Tools.ffprobe().toString(), "-v", "error",
                "-show_entries", "stream=codec_name,width,height,sample_aspect_ratio,pix_fmt,sample_rate,channels",
                "-of", "compact=p=0", out.toString())).stdout().lines().toList();
    }

    private List<Double> keyFrameTimes(Path asf) {
        return ProcessRun.succeed(Duration.ofSeconds(30), dir, List.of(Tools.ffprobe().toString(), "-v", "error",
                        "-select_streams", "v", "-show_entries", "frame=pts_time,key_frame", "-of", "csv=p=0", asf.toString()))
                .stdout().lines().filter(l -> l.startsWith("1,")).map(l -> Double.parseDouble(l.substring(2))).toList();
    }

    @Test
    void anH264AacMovieBecomesWmv2AndWma2WithAKeyFrameEveryTwoSeconds() {
        Path movie = Ffmpeg.make(dir.resolve("movie.mp4"), "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30",
                "-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", "5", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-ac", "1");
        assertThat(transcoded(movie)).containsExactly(
                "codec_name=wmv2|width=640|height=360|sample_aspect_ratio=1:1|pix_fmt=yuv420p",
                "codec_name=wmav2|sample_rate=44100|channels=2");
        List<Double> keys = keyFrameTimes(dir.resolve("movie.mp4.asf"));
        assertThat(keys).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < keys.size(); i++) {
            assertThat(keys.get(i) - keys.get(i - 1)).as("seconds between key frames").isBetween(1.9, 2.1);
        }
    }

    @Test
    void anOddAnamorphicPictureAndSurroundSoundAreMadeSomethingEveryPlayerTakes() {
        // 721x577, pixels 16:11 wide (a PAL 16:9 DVD's shape, one pixel more each way), 5.1 sound.
        Path odd = Ffmpeg.make(dir.resolve("odd.mkv"), "-f", "lavfi", "-i", "testsrc2=size=721x577:rate=25",
                "-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", "2", "-vf", "setsar=16/11", "-c:v", "libx264",
                "-pix_fmt", "yuv444p", "-c:a", "aac", "-ac", "6");
        // 721 * 16/11 = 1048.7 wide at 577 high, scaled to fit 640x480: 640 x 352 (even, square pixels).
        assertThat(transcoded(odd)).containsExactly(
                "codec_name=wmv2|width=640|height=352|sample_aspect_ratio=1:1|pix_fmt=yuv420p",
                "codec_name=wmav2|sample_rate=44100|channels=2");
    }

    @Test
    void aSmallPictureIsNotEnlarged() {
        Path small = Ffmpeg.make(dir.resolve("small.mp4"), "-f", "lavfi", "-i", "testsrc2=size=176x144:rate=50", "-t", "2",
                "-c:v", "libx264", "-pix_fmt", "yuv420p");
        assertThat(transcoded(small)).containsExactly("codec_name=wmv2|width=176|height=144|sample_aspect_ratio=1:1|pix_fmt=yuv420p");
    }

    @Test
    void audioOnlyAndAnMp3WithCoverArtBecomeWma2Alone() {
        Path m4a = Ffmpeg.make(dir.resolve("song.m4a"), "-f", "lavfi", "-i", "sine=sample_rate=22050", "-t", "2", "-c:a", "aac");
        assertThat(transcoded(m4a)).containsExactly("codec_name=wmav2|sample_rate=44100|channels=2");
        // The cover is a video stream of one picture: a broadcast of it would be one frame, then nothing.
        Path mp3 = Ffmpeg.make(dir.resolve("song.mp3"), "-f", "lavfi", "-i", "sine", "-f", "lavfi", "-i", "testsrc2=size=300x300",
                "-t", "2", "-map", "0", "-map", "1", "-frames:v", "1", "-c:a", "libmp3lame", "-c:v", "mjpeg",
                "-disposition:v", "attached_pic");
        assertThat(transcoded(mp3)).containsExactly("codec_name=wmav2|sample_rate=44100|channels=2");
    }

    @Test
    void aFileFfmpegCannotReadOrWithNoSoundNorPictureIsASentenceAtOnce() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "these are words, not a movie");
        assertThatThrownBy(() -> TranscodeSource.open(Tools.ffmpeg(), TranscodeInput.ofFile(text, false), TranscodeSettings.DEFAULTS,
                "/", CommandSettings.DEFAULT)).isInstanceOf(TranscodeException.class)
                .hasMessage("FFmpeg cannot transcode notes.mp4: Invalid data found when processing input");
        Path subtitles = Files.writeString(dir.resolve("words.vtt"), "WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n");
        assertThatThrownBy(() -> TranscodeSource.open(Tools.ffmpeg(), TranscodeInput.ofFile(subtitles, false),
                TranscodeSettings.DEFAULTS, "/", CommandSettings.DEFAULT))
                .hasMessage("FFmpeg cannot transcode words.vtt: Output file #0 does not contain any stream");
    }
}
