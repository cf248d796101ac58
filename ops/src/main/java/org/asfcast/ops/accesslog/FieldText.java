package org.asfcast.ops.accesslog;

import java.nio.charset.StandardCharsets;

/**
 * One value made safe for a W3C extended log field: never empty (an empty value is {@code -}), never
 * a raw space or control character (so a line always splits into exactly its fields), and never
 * longer than its {@link AccessLogField.Kind}'s limit. WMS writes a space inside a value as
 * {@code _} ({@code MPEG Layer-3} becomes {@code MPEG_Layer-3}, [MS-WMLOG] §2.2) and URLs
 * percent-encoded; so does this, since WMS log analysers expect exactly that. Neither {@code +}
 * (a form encoding, which analysers would show as a plus) nor {@code %20} inside free text is what
 * WMS writes. Control, format and unpaired surrogate characters become {@code %XX} escapes of their
 * UTF-8 bytes, and in free text so does {@code %} itself, so every escape reads back one way. Pure.
 */
public final class FieldText {

    /** What an empty or absent value is written as. */
    public static final String EMPTY = "-";

    private FieldText() {
    }

    /**
     * The value as the field writes it.
     *
     * @param value what to write; null or empty is {@link #EMPTY}
     * @param kind  how: as a token, free text or a URL
     */
    public static String of(String value, AccessLogField.Kind kind) {
        if (value == null || value.isEmpty()) {
            return EMPTY;
        }
        String kept = cut(value, kind.maxChars());
        boolean url = kind == AccessLogField.Kind.URL;
        StringBuilder out = new StringBuilder(kept.length() + 8);
        for (int i = 0; i < kept.length(); ) {
            int cp = kept.codePointAt(i);
            i += Character.charCount(cp);
            if (!url && Character.isSpaceChar(cp)) {
                out.append('_');
            } else if (odd(cp) || url && (cp <= ' ' || cp > 0x7E || cp == '"') || !url && cp == '%') {
                percent(out, cp);
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** A character that would break a line, or hide or move text when shown. */
    private static boolean odd(int cp) {
        if (Character.isISOControl(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.SURROGATE || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE;
    }

    private static void percent(StringBuilder out, int cp) {
        // An unpaired surrogate has no UTF-8 form: it is written as U+FFFD, the replacement character.
        String text = Character.getType(cp) == Character.SURROGATE ? "\uFFFD" : new String(Character.toChars(cp));
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
        }
    }

    /** At most {@code max} characters, not splitting a surrogate pair. */
    private static String cut(String value, int max) {
        if (value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }
}
