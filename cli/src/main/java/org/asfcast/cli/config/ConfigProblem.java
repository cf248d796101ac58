package org.asfcast.cli.config;

/**
 * One thing wrong with a config file: where it is and what to do about it.
 *
 * @param file the config file as it was named
 * @param line 1-based line, or 0 when the problem is with the file as a whole
 * @param column 1-based column, or 0 when unknown
 * @param setting the setting's name, such as {@code points[1].max-players}; empty for the file as a whole
 * @param sentence what is wrong, phrased for the person who wrote the file
 */
public record ConfigProblem(String file, int line, int column, String setting, String sentence) {

    /** The line printed for it: {@code asfcast.yml:7:18: points[1].max-players: must be a whole number, not "many"}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        s.append(": ");
        if (!setting.isEmpty()) {
            s.append(setting).append(": ");
        }
        return s.append(sentence).toString();
    }
}
