package org.asfcast.cli;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The running server's lines on the terminal, each stamped with the time of day. */
final class ServerLog {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Terminal terminal;

    ServerLog(Terminal terminal) {
        this.terminal = terminal;
    }

    /** Prints {@code text} after the time of day. */
    void line(String text) {
        terminal.println(CLOCK.format(LocalTime.now()) + " " + text);
    }

    /** Prints {@code text} as it is (the banner). */
    void plain(String text) {
        terminal.println(text);
    }
}
