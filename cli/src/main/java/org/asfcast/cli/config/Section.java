package org.asfcast.cli.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The settings of one mapping in the file ({@code limits}, a point, its test pattern): reads each
 * as its type, reporting a wrong one and going on, and reports keys that are not settings.
 */
final class Section {

    private final YamlNode.Mapping mapping;
    private final String prefix;
    private final Problems problems;
    private final List<String> known;

    /**
     * @param prefix the setting names' start, such as {@code points[1]}; empty at the top
     * @param known every key this section has
     */
    Section(YamlNode.Mapping mapping, String prefix, Problems problems, List<String> known) {
        this.mapping = mapping;
        this.prefix = prefix;
        this.problems = problems;
        this.known = known;
        for (YamlNode.Entry e : mapping.entries()) {
            if (!known.contains(e.key())) {
                Optional<String> near = Spelling.nearest(e.key(), known);
                problems.add(e.keyPosition(), name(e.key()), "is not a setting here"
                        + near.map(n -> "; did you mean " + n + "?").orElse(" (settings here: " + String.join(", ", known) + ")"));
            }
        }
    }

    /** The full name of a setting of this section, such as {@code points[1].max-players}. */
    String name(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    /** The section's own name, or "the file" at the top. */
    String name() {
        return prefix;
    }

    YamlNode.Position position() {
        return mapping.position();
    }

    Problems problems() {
        return problems;
    }

    boolean has(String key) {
        return node(key).isPresent();
    }

    Optional<YamlNode> node(String key) {
        requireKnown(key);
        return mapping.entry(key).map(YamlNode.Entry::value);
    }

    /** Where the key is written (the value may be on the next line). */
    YamlNode.Position keyPosition(String key) {
        return mapping.entry(key).map(YamlNode.Entry::keyPosition).orElse(mapping.position());
    }

    /** Reports a problem with {@code key}, at its value. */
    void problem(String key, String sentence) {
        problems.add(node(key).map(YamlNode::position).orElse(mapping.position()), name(key), sentence);
    }

    /** A whole number in {@code min..max}; empty when absent or wrong (reported). */
    Optional<Long> wholeNumber(String key, long min, long max) {
        return node(key).flatMap(n -> wholeNumber(n, name(key), min, max));
    }

    Optional<Integer> integer(String key, int min, int max) {
        return wholeNumber(key, min, max).map(Long::intValue);
    }

    Optional<Boolean> bool(String key) {
        return node(key).flatMap(n -> {
            if (n instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.BOOLEAN) {
                return Optional.of(Boolean.parseBoolean(s.text().toLowerCase()));
            }
            problems.add(n.position(), name(key), "must be true or false, not " + YamlNode.describe(n));
            return Optional.empty();
        });
    }

    /** A non-empty text; numbers and booleans count, as written. */
    Optional<String> text(String key) {
        return node(key).flatMap(n -> text(n, name(key), problems));
    }

    /** A duration in {@code min..max}, written with its unit. */
    Optional<Duration> duration(String key, Duration min, Duration max) {
        return text(key).flatMap(t -> {
            try {
                Duration d = Durations.parse(t);
                if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                    problem(key, "must be " + Durations.format(min) + " to " + Durations.format(max) + ", not " + t);
                    return Optional.empty();
                }
                return Optional.of(d);
            } catch (IllegalArgumentException e) {
                problem(key, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** The setting's value, {@code fallback} when absent, empty when wrong (reported by {@code read}). */
    <T> Optional<T> valueOr(String key, Supplier<Optional<T>> read, T fallback) {
        return has(key) ? read.get() : Optional.of(fallback);
    }

    /** A file that exists and can be read, named relative to {@code folder} (the config file's); absolute and normalized. */
    Optional<Path> file(String key, Path folder) {
        return existing(key, folder, false);
    }

    /** A folder that exists and can be read, named relative to {@code folder} (the config file's); absolute and normalized. */
    Optional<Path> folder(String key, Path folder) {
        return existing(key, folder, true);
    }

    private Optional<Path> existing(String key, Path folder, boolean directory) {
        String kind = directory ? "folder" : "file";
        return text(key).flatMap(t -> {
            Path p;
            try {
                p = folder.resolve(t).toAbsolutePath().normalize();
            } catch (InvalidPathException e) {
                problem(key, "is not a " + kind + " name: " + e.getReason());
                return Optional.empty();
            }
            String where = p.toString().equals(t) ? "" : " (" + p + ")";
            if (!Files.exists(p)) {
                problem(key, "no such " + kind + ": " + t + where);
            } else if (Files.isDirectory(p) != directory) {
                problem(key, directory ? "is a file, not a folder of media files: " + t + where : "is a folder, not a file: " + t + where);
            } else if (!Files.isReadable(p) || directory && !Files.isExecutable(p)) {
                problem(key, "cannot be read (permission denied): " + t + where);
            } else {
                return Optional.of(p);
            }
            return Optional.empty();
        });
    }

    /** A bit rate ({@link BitRate}) in {@code min..max} bits per second. */
    Optional<BitRate> bitRate(String key, long min, long max) {
        return text(key).flatMap(t -> {
            try {
                BitRate b = BitRate.parse(t);
                if (b.bitsPerSecond() < min || b.bitsPerSecond() > max) {
                    problem(key, "must be " + new BitRate(min) + " to " + new BitRate(max) + ", not " + t);
                    return Optional.empty();
                }
                return Optional.of(b);
            } catch (IllegalArgumentException e) {
                problem(key, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /**
     * A picture size written {@code WIDTHxHEIGHT}, each {@code min..max} (and even when {@code even}),
     * as {@code {width, height}}.
     */
    Optional<int[]> size(String key, int min, int max, boolean even) {
        return text(key).flatMap(t -> {
            String[] wh = t.toLowerCase().split("x", -1);
            if (wh.length != 2 || !wh[0].matches("\\d{1,4}") || !wh[1].matches("\\d{1,4}")) {
                problem(key, "must be WIDTHxHEIGHT, such as 320x240, not \"" + t + "\"");
                return Optional.empty();
            }
            int width = Integer.parseInt(wh[0]);
            int height = Integer.parseInt(wh[1]);
            if (width < min || height < min || width > max || height > max || even && (width % 2 != 0 || height % 2 != 0)) {
                problem(key, "must be " + (even ? "even numbers" : "numbers") + " from " + min + "x" + min + " to " + max + "x" + max
                        + ", not " + t);
                return Optional.empty();
            }
            return Optional.of(new int[] {width, height});
        });
    }

    /** One of {@code choices}' keys, written as is. */
    <E> Optional<E> choice(String key, Map<String, E> choices) {
        return text(key).flatMap(t -> {
            E e = choices.get(t);
            if (e == null) {
                problem(key, "must be " + String.join(" or ", choices.keySet().stream().sorted().toList()) + ", not \"" + t + "\"");
            }
            return Optional.ofNullable(e);
        });
    }

    static Optional<String> text(YamlNode n, String setting, Problems problems) {
        if (n instanceof YamlNode.Scalar s && s.kind() != YamlNode.Kind.NULL && !s.text().isBlank()) {
            return Optional.of(s.text());
        }
        problems.add(n.position(), setting, n instanceof YamlNode.Scalar ? "needs a value" : "must be text, not " + YamlNode.describe(n));
        return Optional.empty();
    }

    private Optional<Long> wholeNumber(YamlNode n, String setting, long min, long max) {
        if (!(n instanceof YamlNode.Scalar s) || !s.text().strip().matches("-?\\d{1,18}")) {
            problems.add(n.position(), setting, "must be a whole number, not " + YamlNode.describe(n));
            return Optional.empty();
        }
        long v = Long.parseLong(s.text().strip());
        if (v < min || v > max) {
            problems.add(n.position(), setting, "must be " + min + ".." + max + ", not " + v);
            return Optional.empty();
        }
        return Optional.of(v);
    }

    private void requireKnown(String key) {
        if (!known.contains(key)) {
            throw new IllegalArgumentException("not a key of this section: " + key);
        }
    }
}
