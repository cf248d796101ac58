package org.asfcast.asf.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real programs the interop tests drive. A missing program skips the test with a clear
 * message on a developer's machine, and fails it under {@code CI=true}, where {@code .ci/run} must
 * have installed it.
 */
public final class Tools {

    private Tools() {
    }

    /** FFmpeg, which makes test media and plays streams. */
    public static Path ffmpeg() {
        return require("ffmpeg", "ffmpeg");
    }

    /** ffprobe, from the ffmpeg package. */
    public static Path ffprobe() {
        return require("ffprobe", "ffmpeg");
    }

    /** VLC without a GUI. */
    public static Path cvlc() {
        return require("cvlc", "vlc-bin vlc-plugin-base");
    }

    /** MPlayer. */
    public static Path mplayer() {
        return require("mplayer", "mplayer");
    }

    /** xine's console player (aalib text output); {@code -A file} writes the decoded sound to a WAV. */
    public static Path aaxine() {
        return require("aaxine", "xine-console libxine2-plugins libxine2-ffmpeg");
    }

    /** Whether this run is CI's, where every interop test must run. */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The program's path, or a skip (a failure under CI) naming the Debian package to install. */
    public static Path require(String program, String debianPackages) {
        Optional<Path> found = find(program);
        if (found.isPresent()) {
            return found.get();
        }
        String message = program + " is not installed (apt-get install " + debianPackages + ", as .ci/run does)";
        if (underCi()) {
            throw new AssertionError(message + "; CI=true requires every interop client");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /** Looks the program up on the PATH. */
    public static Optional<Path> find(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
