package org.asfcast.writer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FFmpeg command lines of a transcode, and the ranges of its settings (no process started). */
class TranscodeCommandTest {

    private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");

    @Test
    void theDefaultsMakeWmv2AndWma2ThatEveryPlayerTakes() {
        List<String> a = TranscodeCommand.arguments(FFMPEG, TranscodeInput.ofFile(Path.of("/media/movie.mp4"), false),
                TranscodeSettings.DEFAULTS);
        assertThat(a).containsExactly("/usr/bin/ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-loglevel", "error",
                "-re", "-i", "file:/media/movie.mp4", "-map", "0:V:0?", "-map", "0:a:0?",
                "-vf", "fps=fps='min(source_fps,25)'"
                        + ",scale=w='max(2,trunc(min(1,min(640/(iw*sar),480/ih))*iw*sar/2)*2)'"
                        + ":h='max(2,trunc(min(1,min(640/(iw*sar),480/ih))*ih/2)*2)',setsar=1,format=yuv420p",
                "-c:v", "wmv2", "-b:v", "1000000", "-g", "50", "-force_key_frames", "expr:gte(t,n_forced*2)",
                "-c:a", "wmav2", "-b:a", "128000", "-ar", "44100", "-ac", "2",
                "-packet_size", "3200", "-f", "asf", "-");
    }

    @Test
    void everySettingReachesItsOption() {
        TranscodeSettings s = new TranscodeSettings(300_000, 320, 240, 15, Duration.ofMillis(1500), 48_000, 22050, 1, 1600);
        List<String> a = TranscodeCommand.arguments(FFMPEG, TranscodeInput.ofUrl("rtsp://cam/live", true), s);
        assertThat(String.join(" ", a)).contains("-re -stream_loop -1 -i rtsp://cam/live ")
                .contains("fps=fps='min(source_fps,15)'").contains("min(320/(iw*sar),240/ih)")
                .contains("-b:v 300000 -g 23 -force_key_frames expr:gte(t,n_forced*1.5)")
                .contains("-b:a 48000 -ar 22050 -ac 1").contains("-packet_size 1600");
    }

    @Test
    void aFileIsNamedBehindFileSoAColonIsNoProtocol(@TempDir Path dir) {
        TranscodeInput input = TranscodeInput.ofFile(dir.resolve("a:b.mp4"), false);
        assertThat(input.argument()).isEqualTo("file:" + dir.resolve("a:b.mp4"));
        assertThat(input.describe()).isEqualTo("a:b.mp4");
        assertThat(TranscodeCommand.probe(FFMPEG, input)).containsSubsequence("-i", "file:" + dir.resolve("a:b.mp4"),
                "-map", "0:V:0?", "-map", "0:a:0?", "-t", "0", "-f", "null", "-");
    }

    @Test
    void aUrlIsDescribedWithoutItsPassword() {
        assertThat(TranscodeInput.ofUrl("rtsp://admin:secret@cam.local:554/live?x=1", false).describe())
                .isEqualTo("rtsp://cam.local:554/live");
        assertThat(TranscodeInput.ofUrl("http://example.org/radio.mp3", false).describe()).isEqualTo("http://example.org/radio.mp3");
        assertThat(TranscodeInput.isUrl("srt://host:9000")).isTrue();
        assertThat(TranscodeInput.isUrl("movie.mp4")).isFalse();
        assertThat(TranscodeInput.isUrl("C:/movie.mp4")).isFalse();
    }

    @Test
    void valuesOutsideWhatWmaAndWmvTakeAreRefused() {
        TranscodeSettings d = TranscodeSettings.DEFAULTS;
        assertThatThrownBy(() -> new TranscodeSettings(d.videoBitRate(), d.maxWidth(), d.maxHeight(), d.maxFrameRate(),
                d.keyFrameInterval(), 16_000, d.sampleRate(), d.channels(), d.packetSize()))
                .hasMessage("the audio bit rate 16000 is out of range for WMV2/WMA2 transcoding");
        assertThatThrownBy(() -> new TranscodeSettings(d.videoBitRate(), d.maxWidth(), d.maxHeight(), d.maxFrameRate(),
                d.keyFrameInterval(), 128_000, d.sampleRate(), 1, d.packetSize())).hasMessageContaining("audio bit rate 128000");
        assertThatThrownBy(() -> new TranscodeSettings(d.videoBitRate(), d.maxWidth(), d.maxHeight(), d.maxFrameRate(),
                d.keyFrameInterval(), d.audioBitRate(), 96000, d.channels(), d.packetSize())).hasMessageContaining("sample rate 96000");
        assertThatThrownBy(() -> new TranscodeSettings(d.videoBitRate(), d.maxWidth(), d.maxHeight(), d.maxFrameRate(),
                d.keyFrameInterval(), d.audioBitRate(), d.sampleRate(), 6, d.packetSize())).hasMessageContaining("channel count 6");
        assertThat(TranscodeSettings.maxAudioBitRate(2)).isEqualTo(192_000);
    }

    @Test
    void searchPathFindsTheFirstExecutableAndSkipsTheRest(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(a.resolve("ffmpeg"), "not executable");
        Path real = Files.writeString(b.resolve("ffmpeg"), "#!/bin/sh\n");
        assertThat(real.toFile().setExecutable(true)).isTrue();
        assertThat(SearchPath.find("ffmpeg", a + ":" + b)).contains(real);
        assertThat(SearchPath.find("ffmpeg", a + "::" + dir)).isEmpty();
        assertThat(SearchPath.find("ffmpeg", null)).isEmpty();
    }

    @Test
    void aMissingFfmpegIsASentenceSayingHowToGetIt(@TempDir Path dir) {
        assertThatThrownBy(() -> TranscodeSource.ffmpeg(dir.toString(), "movie.mp4 is not ASF: serving it needs FFmpeg"))
                .isInstanceOf(TranscodeException.class)
                .hasMessage("movie.mp4 is not ASF: serving it needs FFmpeg, and ffmpeg is not on the PATH; install FFmpeg "
                        + "(Debian, Ubuntu: apt install ffmpeg) and start again");
    }
}
