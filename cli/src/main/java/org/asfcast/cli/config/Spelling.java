package org.asfcast.cli.config;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** "Did you mean": the known name a mistyped one is closest to, when it is close. */
final class Spelling {

    private Spelling() {
    }

    /** The known name at most two edits (or a case change) away from {@code typed}, the nearest first. */
    static Optional<String> nearest(String typed, List<String> known) {
        String t = typed.toLowerCase().replace('_', '-');
        return known.stream().filter(k -> distance(t, k) <= Math.min(2, k.length() / 3 + 1))
                .min(Comparator.comparingInt(k -> distance(t, k)));
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
