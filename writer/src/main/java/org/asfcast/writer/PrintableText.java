package org.asfcast.writer;

/**
 * Text from outside (what a client sent, what another program wrote), escaped so that it is safe
 * to print in a log or on a terminal: every control character (C0, DEL and C1, so no escape
 * sequence reaches a terminal) and every other character that prints as nothing or moves text
 * (format, separator, unpaired surrogate, private, unassigned) becomes {@code \xNN} or
 * {@code \}{@code uNNNN}; a backslash is doubled so escapes stay unambiguous. Callers add their
 * own marker when the text was cut.
 */
public final class PrintableText {

    private PrintableText() {
    }

    /** The first {@code maxChars} characters of {@code text} (before escaping), escaped. */
    public static String escaped(String text, int maxChars) {
        int shown = Math.min(text.length(), maxChars);
        StringBuilder out = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20 || c >= 0x7F && c <= 0x9F) {
                out.append(String.format("\\x%02X", (int) c));
            } else if (c < 0x7F || isVisible(text, i, shown)) {
                out.append(c);
                if (Character.isHighSurrogate(c)) {
                    out.append(text.charAt(++i)); // its pair, checked by isVisible
                }
            } else {
                out.append(String.format("\\u%04X", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean isVisible(String text, int i, int shown) {
        int cp = text.codePointAt(i);
        if (Character.isHighSurrogate(text.charAt(i)) && (cp == text.charAt(i) || i + 1 >= shown)) {
            return false; // unpaired, or its pair would be cut off
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            default -> true;
        };
    }
}
