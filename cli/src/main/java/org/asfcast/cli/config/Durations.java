package org.asfcast.cli.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as a config file writes them: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, or {@code 1m30s}. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Duration LONGEST = Duration.ofDays(7);

    private Durations() {
    }

    /**
     * Parses the written forms above.
     *
     * @throws IllegalArgumentException with a sentence; a bare number is refused, since "10" could be
     *     seconds or milliseconds and guessing wrong is a silent factor of a thousand
     */
    public static Duration parse(String text) {
        String s = text.trim();
        if (s.matches("\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException("needs a unit: \"" + s + "s\" or \"" + s + "ms\" (ms, s, m or h), not a bare "
                    + s);
        }
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < s.length() && m.find(at) && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            at = m.end();
        }
        if (s.isEmpty() || at != s.length()) {
            throw new IllegalArgumentException("must be a duration such as 500ms, 10s, 2m or 1h, not \"" + text + "\"");
        }
        if (total.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("\"" + text + "\" is longer than a week");
        }
        return total;
    }

    /** The shortest written form that {@link #parse} reads back to {@code d}: {@code 1m30s}, {@code 500ms}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder s = new StringBuilder();
        long ms = d.toMillis();
        long[] sizes = {3_600_000L, 60_000L, 1000L, 1L};
        String[] units = {"h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms >= sizes[i]) {
                s.append(ms / sizes[i]).append(units[i]);
                ms %= sizes[i];
            }
        }
        return s.toString();
    }
}
