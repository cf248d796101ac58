package org.asfcast.writer.source;

/**
 * A line another program wrote, made safe for a log: control characters (C0, DEL, C1) become
 * {@code \xNN}, so no escape sequence reaches a terminal, and the line is cut at {@value #MAX_CHARS}
 * characters, so one endless line costs a log line of a few hundred bytes.
 */
final class PrintableLine {

    /** The most characters shown. */
    static final int MAX_CHARS = 200;

    private PrintableLine() {
    }

    /** {@code text} escaped; cut when longer than {@value #MAX_CHARS} characters or when {@code cut}. */
    static String of(String text, boolean cut) {
        int shown = Math.min(text.length(), MAX_CHARS);
        StringBuilder out = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20 || c >= 0x7F && c <= 0x9F) {
                out.append(String.format("\\x%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        if (cut || text.length() > shown) {
            out.append(" ...[cut]");
        }
        return out.toString();
    }
}
