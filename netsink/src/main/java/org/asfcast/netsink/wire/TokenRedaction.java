package org.asfcast.netsink.wire;

import java.util.Locale;

/**
 * Cuts player tokens out of a request's path and query before the path reaches a log: the value
 * of a {@code token} query parameter, and the {@code T} of a path that starts {@code /t/T/}, become
 * their first 4 characters and {@code …}. Enough to tell two players' tokens apart in a log, never
 * enough to play with one. A token of 8 characters or fewer keeps only half of them, so a short
 * one is not shown whole. Everything else is kept as sent. Pure.
 */
public final class TokenRedaction {

    /** What stands for the part of a token that is cut. */
    public static final String ELLIPSIS = "\u2026";
    private static final String PARAMETER = "token";
    private static final String SEGMENT = "/t/";
    private static final int SHOWN = 4;

    private TokenRedaction() {
    }

    /**
     * The path and query with every token cut short.
     *
     * @param uri a path, optionally with {@code ?query} (and {@code #fragment}), as a request sent it
     * @return the same text with tokens redacted; {@code uri} itself when it holds none
     */
    public static String uri(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String rest = q < 0 ? "" : uri.substring(q);
        return path(path) + (rest.isEmpty() ? "" : query(rest));
    }

    /** The path with a leading {@code /t/T/} (or a whole {@code /t/T}) redacted. */
    private static String path(String path) {
        if (!path.startsWith(SEGMENT) || path.length() == SEGMENT.length()) {
            return path;
        }
        int end = path.indexOf('/', SEGMENT.length());
        String token = end < 0 ? path.substring(SEGMENT.length()) : path.substring(SEGMENT.length(), end);
        return SEGMENT + shortened(token) + (end < 0 ? "" : path.substring(end));
    }

    /** {@code ?a=b&token=T#f} with every {@code token} parameter's value redacted. */
    private static String query(String rest) {
        int hash = rest.indexOf('#');
        String query = hash < 0 ? rest.substring(1) : rest.substring(1, hash);
        String fragment = hash < 0 ? "" : rest.substring(hash);
        StringBuilder out = new StringBuilder(rest.length()).append('?');
        int from = 0;
        while (from <= query.length()) {
            int amp = query.indexOf('&', from);
            int to = amp < 0 ? query.length() : amp;
            String pair = query.substring(from, to);
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).toLowerCase(Locale.ROOT).equals(PARAMETER)) {
                out.append(pair, 0, eq + 1).append(shortened(pair.substring(eq + 1)));
            } else {
                out.append(pair);
            }
            if (amp < 0) {
                break;
            }
            out.append('&');
            from = amp + 1;
        }
        return out.append(fragment).toString();
    }

    private static String shortened(String token) {
        if (token.isEmpty()) {
            return token;
        }
        int shown = Math.min(SHOWN, token.length() / 2);
        return token.substring(0, shown) + ELLIPSIS;
    }
}
