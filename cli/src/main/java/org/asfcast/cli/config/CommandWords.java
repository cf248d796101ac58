package org.asfcast.cli.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a command line into its arguments the way a POSIX shell would (spaces separate,
 * {@code '...'} is literal, {@code "..."} keeps spaces and honours {@code \"} and {@code \\}, a
 * backslash outside quotes escapes the next character), without running a shell: no variables,
 * globs, pipes or redirections.
 */
public final class CommandWords {

    // Unquoted, these would be a shell's; here they would silently reach the program as arguments.
    private static final Set<String> SHELL_OPERATORS = Set.of("|", "||", "&", "&&", ";", ">", ">>", "<", "2>", "2>&1");

    private CommandWords() {
    }

    /**
     * The arguments of {@code line}; the first is the program.
     *
     * @throws IllegalArgumentException for an unclosed quote, a trailing backslash, no words at all,
     *     or an unquoted shell operator (with how to run a shell on purpose)
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("the ' opened at character " + (i + 1) + " is never closed");
                }
                word.append(line, i + 1, end);
                inWord = quoted = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i, word);
                inWord = quoted = true;
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException("ends with a lone backslash");
                }
                word.append(line.charAt(i + 1));
                inWord = quoted = true;
                i += 2;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    end(words, word, quoted);
                }
                inWord = quoted = false;
                i++;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            end(words, word, quoted);
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("names no program: it is empty");
        }
        return List.copyOf(words);
    }

    private static void end(List<String> words, StringBuilder word, boolean quoted) {
        String w = word.toString();
        if (!quoted && SHELL_OPERATORS.contains(w)) {
            throw new IllegalArgumentException("'" + w + "' would reach the program as an argument: no shell runs the command; "
                    + "for a pipeline write [sh, -c, \"...\"]");
        }
        words.add(w);
        word.setLength(0);
    }

    /** Reads a "..." starting at {@code open} into {@code word}; returns the index after the closing quote. */
    private static int doubleQuoted(String line, int open, StringBuilder word) {
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("the \" opened at character " + (open + 1) + " is never closed");
    }
}
