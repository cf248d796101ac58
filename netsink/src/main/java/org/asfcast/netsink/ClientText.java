package org.asfcast.netsink;

import org.asfcast.writer.PrintableText;

/**
 * Text a client sent (a User-Agent, a path, a host name), made safe to print in a log or on a
 * terminal ({@link PrintableText}): every control character (C0, DEL and C1, so no escape sequence reaches a terminal) and
 * every other character that prints as nothing or moves text (format, separator, unpaired
 * surrogate, private, unassigned) becomes an escape, {@code \xNN} or {@code \}{@code uNNNN}; a
 * backslash is doubled so escapes stay unambiguous. Text longer than {@value #MAX_CHARS}
 * characters is cut, with a marker saying how much was left out, so a 16 KiB header costs a log
 * line of a few hundred bytes.
 */
public final class ClientText {

    /** The most characters of the client's text that are shown. */
    public static final int MAX_CHARS = 200;

    private ClientText() {
    }

    /** The text escaped and cut to {@value #MAX_CHARS} characters (before escaping). */
    public static String printable(String text) {
        String shown = PrintableText.escaped(text, MAX_CHARS);
        return text.length() > MAX_CHARS ? shown + "...[" + (text.length() - MAX_CHARS) + " more chars]" : shown;
    }
}
