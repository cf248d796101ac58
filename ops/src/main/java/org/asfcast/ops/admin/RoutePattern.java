package org.asfcast.ops.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A route's path with named parts: {@code /api/v1/points/{path+}/players/{id}/kick}. A {@code {name}}
 * takes one segment; a {@code {name+}} takes one or more (a point's path has slashes in it), as few
 * as let the rest match, and captures them with a leading slash ({@code /radio/one}). Literal
 * segments match exactly. Pure.
 */
public final class RoutePattern {

    private final String text;
    private final List<String> segments;

    private RoutePattern(String text, List<String> segments) {
        this.text = text;
        this.segments = segments;
    }

    /**
     * Reads a pattern.
     *
     * @throws IllegalArgumentException when it does not start with {@code /}, or has more than one {@code {name+}}
     */
    public static RoutePattern of(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("a route's pattern starts with /: " + pattern);
        }
        List<String> parts = split(pattern);
        if (parts.stream().filter(RoutePattern::isMany).count() > 1) {
            throw new IllegalArgumentException("a route's pattern may have one {name+} only: " + pattern);
        }
        return new RoutePattern(pattern, List.copyOf(parts));
    }

    /** What the pattern captures from {@code path} (percent-decoded, no query), if it matches. */
    public Optional<Map<String, String>> match(String path) {
        List<String> given = split(path);
        Map<String, String> captured = new HashMap<>();
        int many = -1;
        for (int i = 0; i < segments.size(); i++) {
            if (isMany(segments.get(i))) {
                many = i;
            }
        }
        if (many < 0) {
            return given.size() == segments.size() && matchRun(given, 0, 0, segments.size(), captured)
                    ? Optional.of(captured) : Optional.empty();
        }
        int after = segments.size() - many - 1;
        int taken = given.size() - many - after;
        if (taken < 1 || !matchRun(given, 0, 0, many, captured)
                || !matchRun(given, many + taken, many + 1, after, captured)) {
            return Optional.empty();
        }
        String name = segments.get(many);
        captured.put(name.substring(1, name.length() - 2), "/" + String.join("/", given.subList(many, many + taken)));
        return Optional.of(captured);
    }

    private boolean matchRun(List<String> given, int from, int patternFrom, int count, Map<String, String> captured) {
        for (int i = 0; i < count; i++) {
            String want = segments.get(patternFrom + i);
            String got = given.get(from + i);
            if (isOne(want)) {
                if (got.isEmpty()) {
                    return false;
                }
                captured.put(want.substring(1, want.length() - 1), got);
            } else if (!want.equals(got)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isMany(String segment) {
        return segment.startsWith("{") && segment.endsWith("+}");
    }

    private static boolean isOne(String segment) {
        return segment.startsWith("{") && segment.endsWith("}") && !isMany(segment);
    }

    /** The segments after the leading slash; "/" has none. */
    private static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        String rest = path.startsWith("/") ? path.substring(1) : path;
        if (rest.isEmpty()) {
            return parts;
        }
        for (String s : rest.split("/", -1)) {
            parts.add(s);
        }
        return parts;
    }

    @Override
    public String toString() {
        return text;
    }
}
