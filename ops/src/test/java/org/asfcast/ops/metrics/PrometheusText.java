package org.asfcast.ops.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for tests: every line is a
 * {@code # HELP} or {@code # TYPE} comment, or {@code name{label="value",...} value}; anything
 * else fails. Shared with the cli ITs through ops' test-jar.
 */
public final class PrometheusText {

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (counter|gauge|histogram|summary|untyped)");

    private final List<Sample> samples;
    private final Map<String, String> types;

    private PrometheusText(List<Sample> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    /** Reads {@code text}. @throws IllegalArgumentException naming the first line that is not in the format */
    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a line feed");
        }
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            if (line.startsWith("# HELP ")) {
                String[] parts = line.split(" ", 4);
                if (parts.length < 3 || !NAME.matcher(parts[2]).matches()) {
                    throw bad(i, line);
                }
            } else if (line.startsWith("# TYPE ")) {
                Matcher m = TYPE.matcher(line);
                if (!m.matches() || types.put(m.group(1), m.group(2)) != null) {
                    throw bad(i, line);
                }
            } else {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) {
                    throw bad(i, line);
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(3) != null && !m.group(3).isEmpty()) {
                    Matcher l = LABEL.matcher(m.group(3));
                    int at = 0;
                    while (l.find() && l.start() == at) {
                        labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
                        at = l.end();
                    }
                    if (at != m.group(3).length()) {
                        throw bad(i, line);
                    }
                }
                double value;
                try {
                    value = switch (m.group(4)) {
                        case "+Inf" -> Double.POSITIVE_INFINITY;
                        case "-Inf" -> Double.NEGATIVE_INFINITY;
                        case "NaN" -> Double.NaN;
                        default -> Double.parseDouble(m.group(4));
                    };
                } catch (NumberFormatException e) {
                    throw bad(i, line);
                }
                samples.add(new Sample(m.group(1), labels, value));
            }
        }
        return new PrometheusText(samples, types);
    }

    private static IllegalArgumentException bad(int index, String line) {
        return new IllegalArgumentException("line " + (index + 1) + " is not in the Prometheus text format: " + line);
    }

    /** Every sample, in order. */
    public List<Sample> samples() {
        return samples;
    }

    /** The declared type of a metric family, if declared. */
    public Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    /** The value of the one sample with this name and exactly these labels, if there is one. */
    public Optional<Double> value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .map(Sample::value).findFirst();
    }

    /** The samples with this name whose labels include {@code some}. */
    public List<Sample> matching(String name, Map<String, String> some) {
        return samples.stream().filter(s -> s.name().equals(name)
                && s.labels().entrySet().containsAll(some.entrySet())).toList();
    }
}
