package org.asfcast.cli.config;

import java.util.List;
import java.util.Optional;

/**
 * A YAML value with the line and column it was written at. The config is read into these first,
 * not bound straight to records, so that every problem (not only the first a binder meets) can be
 * reported, and checks across settings (a duplicate path) still point at the right line.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    /** Where the value starts. */
    Position position();

    /** A 1-based line and column. */
    record Position(int line, int column) {
    }

    /** A key and its value, in file order. */
    record Entry(String key, Position keyPosition, YamlNode value) {
    }

    /** {@code key: value} pairs in file order (duplicates are refused while reading). */
    record Mapping(Position position, List<Entry> entries) implements YamlNode {

        Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }
    }

    /** {@code - item} or {@code [a, b]}. */
    record Sequence(Position position, List<YamlNode> items) implements YamlNode {
    }

    /** What a scalar's text was read as: quoted text is always {@link #STRING}. */
    enum Kind { STRING, WHOLE_NUMBER, FRACTION, BOOLEAN, NULL }

    /** A single value: its text as written (without quotes) and what YAML reads it as. */
    record Scalar(Position position, String text, Kind kind) implements YamlNode {
    }

    /** How a person would call this kind of value, for "must be X, not Y" sentences. */
    static String describe(YamlNode node) {
        if (node instanceof Mapping) {
            return "a mapping (key: value lines)";
        }
        if (node instanceof Sequence) {
            return "a list";
        }
        Scalar s = (Scalar) node;
        return s.kind() == Kind.NULL ? "empty" : "\"" + s.text() + "\"";
    }
}
