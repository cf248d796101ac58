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

    /**
     * A multiple-bit-rate file as research §3.4 makes it: stream 1 WMV2 320x240 at 600 kbit/s,
     * stream 2 the same picture at 160x120 and 150 kbit/s, stream 3 WMAv2 64 kbit/s; a key frame
     * every second in both video streams. FFmpeg writes no bitrate objects into it.
     */
    public static Path multipleBitRate(Path output, int seconds) {
        return make(output, "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:beep_factor=4", "-t", Integer.toString(seconds),
                "-filter_complex", "[0:v]split=2[a][b];[b]scale=160:120[b2]",
                "-map", "[a]", "-map", "[b2]", "-map", "1:a", "-c:v", "wmv2", "-b:v:0", "600k", "-b:v:1", "150k",
                "-g", "25", "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
    }
}
