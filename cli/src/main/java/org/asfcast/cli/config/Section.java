package org.asfcast.cli.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
