package org.asfcast.cli.config;

import java.time.Duration;
import org.asfcast.writer.source.TranscodeInput;
import org.asfcast.writer.source.TranscodeSettings;

/**
 * Any input FFmpeg reads (a file in any format, or a URL), transcoded by FFmpeg to WMV2/WMA2; FFmpeg
 * must be on the PATH when the server starts.
 *
 * @param input        the file (absolute, resolved against the config file's folder) or the URL, and whether it loops
 * @param settings     what FFmpeg makes; {@link TranscodeSettings#DEFAULTS} for every setting not given
 * @param restartGrace how long players are kept while FFmpeg restarts (default 30 s)
 */
public record TranscodeSource(TranscodeInput input, TranscodeSettings settings, Duration restartGrace) implements PointSource {

    @Override
    public String describe() {
        return "transcode " + input.describe() + (input.loop() ? ", loop" : "");
    }
}
