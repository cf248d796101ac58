package org.asfcast.cli.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.asfcast.writer.source.TranscodeInput;
import org.asfcast.writer.source.TranscodeSettings;

/**
 * Reads a point's {@code transcode:}, either just the input ({@code transcode: movie.mp4}) or a
 * mapping of {@code input:} and the settings that override {@link TranscodeSettings#DEFAULTS}.
 */
final class TranscodeReader {

    private static final List<String> KEYS = List.of("input", "loop", "video-bitrate", "max-size", "max-frame-rate",
            "key-frame-interval", "audio-bitrate", "sample-rate", "channels", "packet-size");

    private TranscodeReader() {
    }

    /** The source, or empty when it has a problem (reported). */
    static Optional<PointSource> read(Section point, Path folder, Optional<Duration> grace) {
        YamlNode node = point.node("transcode").orElseThrow();
        if (node instanceof YamlNode.Scalar) {
            Optional<TranscodeInput> input = input(point, "transcode", folder, Optional.of(false));
            return input.isPresent() && grace.isPresent()
                    ? Optional.of(new TranscodeSource(input.get(), TranscodeSettings.DEFAULTS, grace.get())) : Optional.empty();
        }
        if (!(node instanceof YamlNode.Mapping m)) {
            point.problem("transcode", "must be the input (transcode: movie.mp4) or a mapping such as {input: movie.mp4, loop: true}, "
                    + "not " + YamlNode.describe(node));
            return Optional.empty();
        }
        Section t = new Section(m, point.name("transcode"), point.problems(), KEYS);
        Optional<TranscodeInput> input;
        if (t.has("input")) {
            input = input(t, "input", folder, t.valueOr("loop", () -> t.bool("loop"), false));
        } else {
            t.problems().add(t.position(), t.name("input"), "is missing; give the file or URL FFmpeg reads, such as input: movie.mp4");
            input = Optional.empty();
        }
        TranscodeSettings d = TranscodeSettings.DEFAULTS;
        Optional<BitRate> video = t.valueOr("video-bitrate",
                () -> t.bitRate("video-bitrate", TranscodeSettings.MIN_VIDEO_BIT_RATE, TranscodeSettings.MAX_VIDEO_BIT_RATE),
                new BitRate(d.videoBitRate()));
        Optional<int[]> size = t.valueOr("max-size", () -> t.size("max-size", 16, 4096, false), new int[] {d.maxWidth(), d.maxHeight()});
        Optional<Integer> fps = t.valueOr("max-frame-rate", () -> t.integer("max-frame-rate", 1, 60), d.maxFrameRate());
        Optional<Duration> keys = t.valueOr("key-frame-interval",
                () -> t.duration("key-frame-interval", Duration.ofMillis(100), Duration.ofSeconds(30)), d.keyFrameInterval());
        Optional<Integer> channels = t.valueOr("channels", () -> t.integer("channels", 1, 2), d.channels());
        // WMA2's most depends on the channels; with a wrong channel count, only the least is checked.
        long mostAudio = TranscodeSettings.maxAudioBitRate(channels.orElse(2));
        Optional<BitRate> audio = t.valueOr("audio-bitrate",
                () -> t.bitRate("audio-bitrate", TranscodeSettings.MIN_AUDIO_BIT_RATE, mostAudio), new BitRate(d.audioBitRate()));
        Optional<Integer> rate = t.valueOr("sample-rate", () -> sampleRate(t), d.sampleRate());
        Optional<Integer> packet = t.valueOr("packet-size", () -> t.integer("packet-size", 100, 65536), d.packetSize());
        if (input.isEmpty() || video.isEmpty() || size.isEmpty() || fps.isEmpty() || keys.isEmpty() || channels.isEmpty()
                || audio.isEmpty() || rate.isEmpty() || packet.isEmpty() || grace.isEmpty()) {
            return Optional.empty();
        }
        TranscodeSettings settings = new TranscodeSettings(video.get().bitsPerSecond(), size.get()[0], size.get()[1], fps.get(),
                keys.get(), audio.get().bitsPerSecond(), rate.get(), channels.get(), packet.get());
        return Optional.of(new TranscodeSource(input.get(), settings, grace.get()));
    }

    /** A URL as written, or a file that exists, relative to the config file's folder. */
    private static Optional<TranscodeInput> input(Section s, String key, Path folder, Optional<Boolean> loop) {
        Optional<String> text = s.text(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (TranscodeInput.isUrl(text.get())) {
            return loop.map(l -> TranscodeInput.ofUrl(text.get(), l));
        }
        Optional<Path> file = s.file(key, folder); // checked even when loop is wrong: every problem at once
        return file.isPresent() && loop.isPresent() ? Optional.of(TranscodeInput.ofFile(file.get(), loop.get())) : Optional.empty();
    }

    private static Optional<Integer> sampleRate(Section t) {
        return t.integer("sample-rate", 1, 1_000_000).flatMap(r -> {
            if (!TranscodeSettings.SAMPLE_RATES.contains(r)) {
                t.problem("sample-rate", "must be one of WMA2's "
                        + String.join(", ", TranscodeSettings.SAMPLE_RATES.stream().map(String::valueOf).toList()) + " (Hz), not " + r);
                return Optional.empty();
            }
            return Optional.of(r);
        });
    }
}
