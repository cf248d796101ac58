package org.asfcast.cli.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asfcast.ops.accesslog.AccessLogSettings;

/**
 * Reads {@code access-log:}: at the top, a file ({@code access-log: /var/log/asfcast/access.log}) or
 * the long form ({@code access-log: {file: F, period: 1h, max-size: 100MB}}); on a point, a file
 * for that point's lines. A file is named relative to the config file's folder; its folder must
 * exist and be writable, and the file, if it exists, must be a writable file.
 */
final class AccessLogReader {

    private static final List<String> KEYS = List.of("file", "period", "max-size");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(KB|MB|GB)", Pattern.CASE_INSENSITIVE);
    private static final long LEAST_SIZE = 64 << 10;

    private AccessLogReader() {
    }

    /** The top-level setting (absent: none but the points' own files) with the points' files. */
    static AccessLogSettings read(Section top, Path folder, Map<String, Path> pointFiles) {
        AccessLogSettings d = AccessLogSettings.NONE;
        Optional<YamlNode> node = top.node("access-log");
        if (node.isEmpty()) {
            return new AccessLogSettings(Optional.empty(), pointFiles, d.period(), d.maxBytes());
        }
        Problems problems = top.problems();
        if (node.get() instanceof YamlNode.Scalar) {
            Optional<Path> file = file(node.get(), "access-log", folder, problems);
            return new AccessLogSettings(file, pointFiles, d.period(), d.maxBytes());
        }
        if (!(node.get() instanceof YamlNode.Mapping m)) {
            problems.add(node.get().position(), "access-log", "must be a file, or a mapping (file:, period:, max-size:), not "
                    + YamlNode.describe(node.get()));
            return d;
        }
        Section s = new Section(m, "access-log", problems, KEYS);
        Optional<Path> file = s.node("file").flatMap(n -> file(n, s.name("file"), folder, problems));
        if (!s.has("file")) {
            problems.add(m.position(), "access-log.file", "is missing; give the log's file, such as file: access.log");
        }
        Duration period = s.valueOr("period", () -> period(s), d.period()).orElse(d.period());
        long max = s.valueOr("max-size", () -> size(s), d.maxBytes()).orElse(d.maxBytes());
        return new AccessLogSettings(file, pointFiles, period, max);
    }

    /** A log file to write: its folder exists and is writable, and it is a writable file if it exists. */
    static Optional<Path> file(YamlNode node, String setting, Path folder, Problems problems) {
        return Section.text(node, setting, problems).flatMap(t -> {
            Path p;
            try {
                p = folder.resolve(t).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                problems.add(node.position(), setting, "is not a file name: " + e.getReason());
                return Optional.empty();
            }
            String where = p.toString().equals(t) ? "" : " (" + p + ")";
            Path parent = p.getParent();
            String problem = null;
            if (Files.isDirectory(p)) {
                problem = "is a folder; name the log file in it, such as " + t.replaceAll("/+$", "") + "/access.log";
            } else if (parent == null || !Files.isDirectory(parent)) {
                problem = "is in a folder that does not exist: " + (parent == null ? t : parent);
            } else if (!Files.isWritable(parent) || Files.exists(p) && !Files.isWritable(p)) {
                problem = "cannot be written (permission denied): " + t + where;
            } else if (Files.exists(p) && !Files.isRegularFile(p)) {
                problem = "is not a regular file: " + t + where;
            }
            if (problem != null) {
                problems.add(node.position(), setting, problem);
                return Optional.empty();
            }
            return Optional.of(p);
        });
    }

    private static Optional<Duration> period(Section s) {
        Optional<Duration> d = s.duration("period", Duration.ZERO, Duration.ofDays(1));
        if (d.isPresent() && !d.get().isZero() && d.get().compareTo(Duration.ofMinutes(1)) < 0) {
            s.problem("period", "must be at least 1m (or 0s for no interim lines), not " + Durations.format(d.get()));
            return Optional.empty();
        }
        return d;
    }

    private static Optional<Long> size(Section s) {
        return s.text("max-size").flatMap(t -> {
            String text = t.strip();
            if (text.equals("0")) {
                return Optional.of(0L);
            }
            Matcher m = SIZE.matcher(text);
            if (!m.matches()) {
                s.problem("max-size", "must be a size such as 512KB, 100MB or 1GB (or 0 for no cap), not \"" + t + "\"");
                return Optional.empty();
            }
            int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
                case "KB" -> 10;
                case "MB" -> 20;
                default -> 30;
            };
            long n = Long.parseLong(m.group(1));
            if (n > (Long.MAX_VALUE >> 31) || n << shift < LEAST_SIZE) {
                s.problem("max-size", "must be 64KB to 1000000GB (or 0 for no cap), not " + t);
                return Optional.empty();
            }
            return Optional.of(n << shift);
        });
    }
}
