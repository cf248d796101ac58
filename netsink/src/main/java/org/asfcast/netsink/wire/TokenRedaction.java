package org.asfcast.netsink.wire;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shortens the player tokens in a request URI before it is printed: a log or a status page shows
 * enough of a token to tell two apart, never enough to play with. Pure.
 */
public final class TokenRedaction {

    /** How much of a token stays visible; config tokens are at least 8 characters, so half or less shows. */
    static final int SHOWN = 4;
    /** What stands for the rest of a token. */
    static final String MARK = "\u2026";

    // A token= query parameter (at the start of a query, or after ? or &), and a /t/<token>/ prefix.
    private static final Pattern QUERY = Pattern.compile("(?<=[?&]|^)(token=)([^&#]*)");
    private static final Pattern PREFIX = Pattern.compile("^(/t/)([^/?#]+)");

    private TokenRedaction() {
    }

    /**
     * {@code uri} with every token cut to its first 4 characters and "…": the values of
     * {@code token=} parameters and the segment of a {@code /t/<token>/} path prefix.
     *
     * @param uri a request URI (path and query), a path, or a query; null gives the empty string
     * @return the same URI with the tokens shortened; anything else unchanged
     */
    public static String uri(String uri) {
        if (uri == null) {
            return "";
        }
        String out = PREFIX.matcher(uri).replaceFirst(m -> Matcher.quoteReplacement(m.group(1) + shorten(m.group(2))));
        int query = out.indexOf('?');
        if (query < 0 && !out.startsWith("token=")) {
            return out;
        }
        String head = query < 0 ? "" : out.substring(0, query + 1);
        String tail = query < 0 ? out : out.substring(query + 1);
        return head + QUERY.matcher(tail).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + shorten(m.group(2))));
    }

    private static String shorten(String token) {
        if (token.isEmpty()) {
            return token;
        }
        // A short token shows at most half of itself, so even a bad one is never printed whole.
        int shown = Math.min(SHOWN, token.length() / 2);
        return token.substring(0, shown) + MARK;
    }
}
