package org.asfcast.ops.accesslog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the access log goes and how it is cut: the server's file, each point's own file (that
 * point's lines go there instead), how often a long session gets an interim line, and the size
 * past which a file is rotated early.
 *
 * @param file       the server's file; empty: only the points with their own file are logged
 * @param pointFiles a point's path to its own file
 * @param period     a session playing longer than this gets an interim line every period (0: none)
 * @param maxBytes   a file is rotated before it passes this many bytes (0: by day only)
 */
public record AccessLogSettings(Optional<Path> file, Map<String, Path> pointFiles, Duration period, long maxBytes) {

    /**
     * An hour: a radio stream that never ends shows its listeners in every hour's lines, which is how
     * listening is counted and billed (listener-hours), while 5,000 listeners cost 5,000 lines (about
     * 2 MB) an hour, not a minute's worth each minute.
     */
    public static final Duration DEFAULT_PERIOD = Duration.ofHours(1);
    /** 100 MiB: a day of a busy server's lines, and a file every editor and analyser still opens. */
    public static final long DEFAULT_MAX_BYTES = 100L << 20;
    /** No access log at all. */
    public static final AccessLogSettings NONE = new AccessLogSettings(Optional.empty(), Map.of(), DEFAULT_PERIOD,
            DEFAULT_MAX_BYTES);

    /** Checks the values and copies the map. */
    public AccessLogSettings {
        Objects.requireNonNull(file, "file");
        pointFiles = Map.copyOf(pointFiles);
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || maxBytes < 0) {
            throw new IllegalArgumentException("a period and a size are not negative: " + period + ", " + maxBytes);
        }
    }

    /** Whether anything is logged. */
    public boolean any() {
        return file.isPresent() || !pointFiles.isEmpty();
    }

    /** The file the lines of the point at {@code point} go to ("" for a request that named no point), if any. */
    public Optional<Path> fileFor(String point) {
        Path own = pointFiles.get(point);
        return own != null ? Optional.of(own) : file;
    }
}
