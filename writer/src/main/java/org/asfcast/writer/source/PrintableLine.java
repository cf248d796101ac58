package org.asfcast.writer.source;

import org.asfcast.writer.PrintableText;

/**
 * A line another program wrote, made safe for a log ({@link PrintableText}: no escape sequence
 * reaches a terminal), and the line is cut at {@value #MAX_CHARS}
 * characters, so one endless line costs a log line of a few hundred bytes.
 */
final class PrintableLine {

    /** The most characters shown. */
    static final int MAX_CHARS = 200;

    private PrintableLine() {
    }

    /** {@code text} escaped; cut when longer than {@value #MAX_CHARS} characters or when {@code cut}. */
    static String of(String text, boolean cut) {
        String shown = PrintableText.escaped(text, MAX_CHARS);
        return cut || text.length() > MAX_CHARS ? shown + " ...[cut]" : shown;
    }
}
