package org.asfcast.cli.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into {@link YamlNode}s with Jackson's streaming YAML parser, which knows the
 * line of every token. Refuses what a config never needs and would only hide mistakes: a key
 * given twice, aliases, keys that are not plain text.
 */
final class YamlTree {

    // Jackson's own default nesting limit is 1000; a config is a few levels deep.
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build();

    private final JsonParser parser;
    private final Problems problems;

    private YamlTree(JsonParser parser, Problems problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /**
     * The first document of {@code text}, or empty when there is none or it cannot be read (the
     * reason is then in {@code problems}).
     */
    static Optional<YamlNode> read(String text, Problems problems) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                problems.add(new YamlNode.Position(1, 0), "", "the file holds no settings; it needs at least port and points");
                return Optional.empty();
            }
            return Optional.of(new YamlTree(p, problems).value(""));
        } catch (AliasFound e) {
            return Optional.empty();
        } catch (JacksonException e) {
            syntax(e, problems);
            return Optional.empty();
        } catch (IOException e) {
            problems.add(new YamlNode.Position(0, 0), "", "cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The value at the current token, {@code setting} naming it for problems. */
    private YamlNode value(String setting) throws IOException {
        YamlNode.Position at = position();
        JsonToken token = parser.currentToken();
        if (parser instanceof YAMLParser y && y.isCurrentAlias()) {
            // Jackson reads an alias as its anchor's name: going on would report that name as a wrong value.
            problems.add(at, setting, "aliases (*" + parser.getText() + ") are not supported; write the value out");
            throw new AliasFound();
        }
        return switch (token) {
            case START_OBJECT -> mapping(at, setting);
            case START_ARRAY -> sequence(at, setting);
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(at, parser.getText(), YamlNode.Kind.WHOLE_NUMBER);
            case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(at, parser.getText(), YamlNode.Kind.FRACTION);
            case VALUE_TRUE, VALUE_FALSE -> new YamlNode.Scalar(at, parser.getText(), YamlNode.Kind.BOOLEAN);
            case VALUE_NULL -> new YamlNode.Scalar(at, "", YamlNode.Kind.NULL);
            default -> new YamlNode.Scalar(at, parser.getText(), YamlNode.Kind.STRING);
        };
    }

    private YamlNode mapping(YamlNode.Position at, String setting) throws IOException {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Map<String, YamlNode.Position> seen = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            YamlNode.Position keyAt = position();
            String name = setting.isEmpty() ? key : setting + "." + key;
            parser.nextToken();
            YamlNode value = value(name);
            YamlNode.Position first = seen.putIfAbsent(key, keyAt);
            if (first != null) {
                problems.add(keyAt, name, "is set twice (first on line " + first.line() + "); keep one");
            } else {
                entries.add(new YamlNode.Entry(key, keyAt, value));
            }
        }
        return new YamlNode.Mapping(at, List.copyOf(entries));
    }

    private YamlNode sequence(YamlNode.Position at, String setting) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(value(setting + "[" + items.size() + "]"));
        }
        return new YamlNode.Sequence(at, List.copyOf(items));
    }

    private YamlNode.Position position() {
        JsonLocation l = parser.currentTokenLocation();
        return new YamlNode.Position(l.getLineNr(), l.getColumnNr());
    }

    /** Reports a syntax error where SnakeYAML found it (Jackson's location is where the parser was, often a line early). */
    private static void syntax(JacksonException e, Problems problems) {
        if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
            Mark at = y.getProblemMark();
            String context = y.getContext() == null ? "" : " (" + y.getContext()
                    + (y.getContextMark() == null ? "" : " started on line " + (y.getContextMark().getLine() + 1)) + ")";
            problems.add(new YamlNode.Position(at.getLine() + 1, at.getColumn() + 1), "",
                    "not valid YAML: " + firstLine(y.getProblem()) + context);
            return;
        }
        JsonLocation at = e.getLocation();
        problems.add(at == null ? new YamlNode.Position(0, 0) : new YamlNode.Position(at.getLineNr(), at.getColumnNr()),
                "", "not valid YAML: " + firstLine(e.getOriginalMessage()));
    }

    /** Ends reading at an alias, already reported. */
    private static final class AliasFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AliasFound() {
            super(null, null, false, false);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "a syntax error";
        }
        String line = message.strip().lines().findFirst().orElse("a syntax error");
        return line.isEmpty() ? "a syntax error" : line;
    }
}
