package org.asfcast.asf.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP authentication challenge or credential (RFC 7235 §2.1): a scheme and its parameters,
 * as {@code WWW-Authenticate} and {@code Authorization} carry them. Parameter names are
 * case-insensitive (kept in lower case); values are tokens or quoted strings, unquoted here.
 * Reading never throws: what does not follow the grammar is simply not read. Pure.
 *
 * @param scheme  the scheme as sent, e.g. {@code Digest}
 * @param token68 a scheme's single token68 ({@code Basic}'s credential), empty when it has parameters
 * @param params  the parameters by lower-case name, in the order sent
 */
public record AuthParams(String scheme, Optional<String> token68, Map<String, String> params) {

    /** Checks for nulls and freezes the parameters. */
    public AuthParams {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(token68, "token68");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** Whether this is the scheme {@code name} (schemes are case-insensitive). */
    public boolean is(String name) {
        return scheme.equalsIgnoreCase(name);
    }

    /** The parameter {@code name} (any case), if sent. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Every challenge of one {@code WWW-Authenticate} value (it may list several, comma-separated).
     *
     * @return the challenges, empty when the value does not follow the grammar
     */
    public static List<AuthParams> challenges(String value) {
        Reader r = new Reader(value);
        List<AuthParams> out = new ArrayList<>();
        r.skipListSeparators();
        while (!r.atEnd()) {
            Optional<AuthParams> next = r.one(true);
            if (next.isEmpty()) {
                return List.of();
            }
            out.add(next.get());
            r.skipListSeparators();
        }
        return out;
    }

    /**
     * The credentials of an {@code Authorization} value: exactly one scheme and its parameters.
     *
     * @return the credentials, empty when the value does not follow the grammar
     */
    public static Optional<AuthParams> credentials(String value) {
        Reader r = new Reader(value);
        r.skipSpace();
        Optional<AuthParams> one = r.one(false);
        r.skipSpace();
        return r.atEnd() ? one : Optional.empty();
    }

    /** {@code text} as a quoted-string: in double quotes, {@code "} and {@code \} escaped. */
    public static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A cursor over a header value, following RFC 7230 §3.2.6 and RFC 7235 §2.1. */
    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s == null ? "" : s;
        }

        boolean atEnd() {
            return i >= s.length();
        }

        void skipSpace() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        void skipListSeparators() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == ',')) {
                i++;
            }
        }

        /**
         * A scheme and what follows it. In a list of challenges ({@code list}) a token not followed
         * by {@code =} after a comma starts the next challenge, so reading stops before it.
         */
        Optional<AuthParams> one(boolean list) {
            String scheme = token();
            if (scheme.isEmpty()) {
                return Optional.empty();
            }
            Map<String, String> params = new LinkedHashMap<>();
            int afterScheme = i;
            skipSpace();
            if (atEnd() || s.charAt(i) == ',') {
                i = list ? i : afterScheme;
                return Optional.of(new AuthParams(scheme, Optional.empty(), params));
            }
            if (i == afterScheme) {
                return Optional.empty(); // a scheme is followed by a space or the end
            }
            int start = i;
            Optional<String> token68 = token68();
            if (token68.isPresent()) {
                return Optional.of(new AuthParams(scheme, token68, params));
            }
            i = start;
            while (true) {
                int itemStart = i;
                String name = token();
                if (name.isEmpty()) {
                    return Optional.empty();
                }
                skipSpace();
                if (atEnd() || s.charAt(i) != '=') {
                    if (list && !params.isEmpty()) {
                        i = itemStart; // the next challenge's scheme
                        return Optional.of(new AuthParams(scheme, Optional.empty(), params));
                    }
                    return Optional.empty();
                }
                i++;
                skipSpace();
                Optional<String> value = atEnd() ? Optional.empty()
                        : s.charAt(i) == '"' ? quotedString() : Optional.of(token()).filter(t -> !t.isEmpty());
                if (value.isEmpty() || params.putIfAbsent(name.toLowerCase(Locale.ROOT), value.get()) != null) {
                    return Optional.empty(); // no value, or a parameter twice (RFC 7235 §2.1: at most once)
                }
                skipSpace();
                if (atEnd()) {
                    return Optional.of(new AuthParams(scheme, Optional.empty(), params));
                }
                if (s.charAt(i) != ',') {
                    return Optional.empty();
                }
                while (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                    i++; // empty list elements are allowed (RFC 7230 §7)
                }
                if (atEnd()) {
                    return Optional.of(new AuthParams(scheme, Optional.empty(), params));
                }
            }
        }

        /** A token68 that is all there is (to the end, or to a comma in a list), else empty and nothing read. */
        private Optional<String> token68() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) < 0x80
                    || "-._~+/".indexOf(s.charAt(i)) >= 0)) {
                i++;
            }
            if (i == start) {
                return Optional.empty();
            }
            while (i < s.length() && s.charAt(i) == '=') {
                i++;
            }
            int end = i;
            skipSpace();
            if (atEnd() || s.charAt(i) == ',') {
                return Optional.of(s.substring(start, end));
            }
            i = start;
            return Optional.empty();
        }

        private String token() {
            int start = i;
            while (i < s.length() && isTokenChar(s.charAt(i))) {
                i++;
            }
            return s.substring(start, i);
        }

        private Optional<String> quotedString() {
            StringBuilder out = new StringBuilder();
            i++; // the opening quote
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return Optional.of(out.toString());
                }
                if (c == '\\') {
                    if (i >= s.length() || !isQuotable(s.charAt(i))) {
                        return Optional.empty();
                    }
                    out.append(s.charAt(i++));
                } else if (isQuotable(c)) {
                    out.append(c);
                } else {
                    return Optional.empty();
                }
            }
            return Optional.empty(); // no closing quote
        }

        private static boolean isTokenChar(char c) {
            return c > 0x20 && c < 0x7F && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
        }

        /** HTAB, SP, VCHAR or obs-text: what a quoted string may hold. */
        private static boolean isQuotable(char c) {
            return c == '\t' || c >= 0x20 && c != 0x7F && c <= 0xFF;
        }
    }
}
