package org.asfcast.asf.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs FFmpeg to make test media at test time, so no large binary is committed. */
public final class Ffmpeg {

    private Ffmpeg() {
    }

    /**
     * Runs {@code ffmpeg -v error -y ARGS OUTPUT} in the output's folder and returns the output.
     * For example {@code make(dir.resolve("a.wmv"), "-f", "lavfi", "-i", "testsrc2", "-t", "2",
     * "-c:v", "wmv2", "-f", "asf")}.
     */
    public static Path make(Path output, String... args) {
        List<String> command = new ArrayList<>(List.of(Tools.ffmpeg().toString(), "-nostdin", "-v", "error", "-y"));
        command.addAll(Arrays.asList(args));
        command.add(output.toString());
        ProcessRun.succeed(Duration.ofMinutes(5), output.toAbsolutePath().getParent(), command);
        return output;
    }
}
