package org.asfcast.cli.config;

import java.util.ArrayList;
import java.util.List;

/** The problems found so far in one config file; reading goes on after each, to find them all. */
final class Problems {

    private final String file;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(YamlNode.Position at, String setting, String sentence) {
        found.add(new ConfigProblem(file, at.line(), at.column(), setting, sentence));
    }

    boolean any() {
        return !found.isEmpty();
    }

    /** How many were found so far (a section reader tells its own from those before it). */
    int count() {
        return found.size();
    }

    /** Throws what was found, in line order (checks across points come after the per-point ones). */
    void throwIfAny() throws ConfigException {
        if (any()) {
            List<ConfigProblem> sorted = new ArrayList<>(found);
            sorted.sort(java.util.Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
            throw new ConfigException(sorted);
        }
    }
}
