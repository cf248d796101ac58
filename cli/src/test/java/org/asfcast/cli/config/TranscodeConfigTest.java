package org.asfcast.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.asfcast.writer.source.TranscodeInput;
import org.asfcast.writer.source.TranscodeSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A point's {@code transcode:}: its forms, its defaults, and one problem per wrong setting, with its line. */
class TranscodeConfigTest {

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void aMovie() throws IOException {
        file = dir.resolve("asfcast.yml");
        Files.write(dir.resolve("movie.mp4"), new byte[] {1}); // validation checks it exists; FFmpeg reads it when serving
    }

    private PointSource source(String... lines) throws ConfigException {
        return ConfigFile.parse(String.join("\n", lines) + "\n", file).points().get(0).source();
    }

    private List<ConfigProblem> problems(String... lines) {
        try {
            ConfigFile.parse(String.join("\n", lines) + "\n", file);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("accepted:\n" + String.join("\n", lines));
    }

    @Test
    void theInputAloneTakesEveryDefault() throws Exception {
        assertThat(source("port: 1", "points:", "  - path: /movie", "    transcode: movie.mp4")).isEqualTo(new TranscodeSource(
                TranscodeInput.ofFile(dir.resolve("movie.mp4"), false), TranscodeSettings.DEFAULTS, Duration.ofSeconds(30)));
        assertThat(source("port: 1", "points: [{path: /m, transcode: {input: movie.mp4}}]"))
                .isEqualTo(source("port: 1", "points: [{path: /m, transcode: movie.mp4}]"));
    }

    @Test
    void everySettingOverridesItsDefault() throws Exception {
        PointSource s = source("port: 1", "points:", "  - path: /movie", "    restart-grace: 5s", "    transcode:",
                "      input: movie.mp4", "      loop: true", "      video-bitrate: 1.5M", "      max-size: 1280x720",
                "      max-frame-rate: 30", "      key-frame-interval: 1500ms", "      audio-bitrate: 64k",
                "      sample-rate: 22050", "      channels: 1", "      packet-size: 8000");
        assertThat(s).isEqualTo(new TranscodeSource(TranscodeInput.ofFile(dir.resolve("movie.mp4"), true),
                new TranscodeSettings(1_500_000, 1280, 720, 30, Duration.ofMillis(1500), 64_000, 22050, 1, 8000),
                Duration.ofSeconds(5)));
        assertThat(s.describe()).isEqualTo("transcode movie.mp4, loop");
    }

    @Test
    void aUrlIsPassedToFfmpegAsWrittenAndNotLookedForOnDisk() throws Exception {
        PointSource s = source("port: 1", "points: [{path: /cam, transcode: \"rtsp://user:pw@cam.local/live\"}]");
        assertThat(((TranscodeSource) s).input()).isEqualTo(TranscodeInput.ofUrl("rtsp://user:pw@cam.local/live", false));
        assertThat(s.describe()).isEqualTo("transcode rtsp://cam.local/live");
    }

    @Test
    void eachWrongSettingIsOneProblemOnItsLine() {
        List<ConfigProblem> found = problems("port: 1", "points:", "  - path: /movie", "    transcode:",
                "      input: gone.mp4",              // 5
                "      video-bitrate: 10k",           // 6
                "      max-size: 640",                // 7
                "      max-frame-rate: 120",          // 8
                "      key-frame-interval: 1m",       // 9
                "      audio-bitrate: 20k",           // 10
                "      sample-rate: 96000",           // 11
                "      channels: 6",                  // 12
                "      packet-size: 50",              // 13
                "      loop: sometimes",              // 14
                "      video-bitrat: 1M");            // 15
        assertThat(found).extracting(ConfigProblem::line).containsExactly(5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        assertThat(found).extracting(p -> p.setting() + ": " + p.sentence()).containsExactly(
                "points[0].transcode.input: no such file: gone.mp4 (" + dir.resolve("gone.mp4") + ")",
                "points[0].transcode.video-bitrate: must be 32k to 20M, not 10k",
                "points[0].transcode.max-size: must be WIDTHxHEIGHT, such as 320x240, not \"640\"",
                "points[0].transcode.max-frame-rate: must be 1..60, not 120",
                "points[0].transcode.key-frame-interval: must be 100ms to 30s, not 1m",
                "points[0].transcode.audio-bitrate: must be 24k to 192k, not 20k",
                "points[0].transcode.sample-rate: must be one of WMA2's 8000, 11025, 16000, 22050, 32000, 44100, 48000 (Hz), not 96000",
                "points[0].transcode.channels: must be 1..2, not 6",
                "points[0].transcode.packet-size: must be 100..65536, not 50",
                "points[0].transcode.loop: must be true or false, not \"sometimes\"",
                "points[0].transcode.video-bitrat: is not a setting here; did you mean video-bitrate?");
        assertThat(found.get(0).file()).isEqualTo(file.toString());
    }

    @Test
    void monoHasHalfTheMostAudioOfStereo() {
        assertThat(problems("port: 1", "points: [{path: /a, transcode: {input: movie.mp4, channels: 1, audio-bitrate: 128k}}]"))
                .extracting(ConfigProblem::sentence).containsExactly("must be 24k to 96k, not 128k");
    }

    @Test
    void aMissingInputAWrongShapeAndLoopOutsideAreNamed() {
        assertThat(problems("port: 1", "points: [{path: /a, transcode: {loop: true}}]"))
                .extracting(p -> p.setting() + ": " + p.sentence())
                .containsExactly("points[0].transcode.input: is missing; give the file or URL FFmpeg reads, such as input: movie.mp4");
        assertThat(problems("port: 1", "points: [{path: /a, transcode: [movie.mp4]}]")).extracting(ConfigProblem::sentence)
                .containsExactly("must be the input (transcode: movie.mp4) or a mapping such as {input: movie.mp4, loop: true}, "
                        + "not a list");
        assertThat(problems("port: 1", "points:", "  - path: /a", "    transcode: movie.mp4", "    loop: true"))
                .extracting(p -> p.line() + " " + p.setting() + ": " + p.sentence())
                .containsExactly("5 points[0].loop: belongs inside transcode: (transcode: {input: ..., loop: true})");
        assertThat(problems("port: 1", "points: [{path: /a, transcode: movie.mp4, file: movie.mp4}]"))
                .extracting(ConfigProblem::sentence).containsExactly("has 2 sources (file, transcode); give exactly one");
    }

    @Test
    void aChangedTranscodeSettingIsAChangedSource() throws Exception {
        ServerConfig before = ConfigFile.parse("port: 1\npoints: [{path: /m, transcode: movie.mp4}]\n", file);
        ServerConfig after = ConfigFile.parse("port: 1\npoints: [{path: /m, transcode: {input: movie.mp4, video-bitrate: 500k}}]\n",
                file);
        assertThat(ConfigDiff.between(before, after).points()).containsEntry("/m", PointChange.SOURCE_CHANGED);
    }
}
