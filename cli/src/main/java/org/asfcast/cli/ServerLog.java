package org.asfcast.cli;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The running server's lines on the terminal, each stamped with the time of day. */
final class ServerLog {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Terminal terminal;
    /** The lines a caller on this thread asked to see as well ({@link #captured}). */
    private final ThreadLocal<java.util.List<String>> capture = new ThreadLocal<>();

    ServerLog(Terminal terminal) {
        this.terminal = terminal;
    }

    /** Prints {@code text} after the time of day. */
    void line(String text) {
        terminal.println(CLOCK.format(LocalTime.now()) + " " + text);
        java.util.List<String> seen = capture.get();
        if (seen != null) {
            seen.add(text);
        }
    }

    /** Runs {@code work} and returns the lines it printed on this thread (a reload's report, for the admin). */
    java.util.List<String> captured(Runnable work) {
        java.util.List<String> seen = new java.util.ArrayList<>();
        capture.set(seen);
        try {
            work.run();
        } finally {
            capture.remove();
        }
        return seen;
    }

    /** Prints {@code text} as it is (the banner). */
    void plain(String text) {
        terminal.println(text);
    }
}
