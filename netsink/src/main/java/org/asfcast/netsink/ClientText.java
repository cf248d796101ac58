package org.asfcast.netsink;

/**
 * Text a client sent (a User-Agent, a path, a host name), made safe to print in a log or on a
 * terminal: every control character (C0, DEL and C1, so no escape sequence reaches a terminal) and
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
        int shown = Math.min(text.length(), MAX_CHARS);
        StringBuilder out = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20 || c >= 0x7F && c <= 0x9F) {
                out.append(String.format("\\x%02X", (int) c));
            } else if (c < 0x7F || isVisible(text, i)) {
                out.append(c);
                if (Character.isHighSurrogate(c)) {
                    out.append(text.charAt(++i)); // its pair, checked by isVisible
                }
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        if (text.length() > shown) {
            out.append("...[").append(text.length() - shown).append(" more chars]");
        }
        return out.toString();
    }

    private static boolean isVisible(String text, int i) {
        int cp = text.codePointAt(i);
        if (Character.isHighSurrogate(text.charAt(i)) && (cp == text.charAt(i) || i + 1 >= MAX_CHARS)) {
            return false; // unpaired, or its pair would be cut off
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            default -> true;
        };
    }
}
