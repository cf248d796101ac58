package org.asfcast.netsink.wire;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding (RFC 3986 §2.1) of a decoded path or path segment for a URL: everything but
 * the unreserved characters becomes {@code %XX} of its UTF-8 bytes, so a file name with spaces,
 * quotes, '#', '?' or '&' names itself in a link and needs no further escaping in HTML or XML. Pure.
 */
public final class UrlPath {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlPath() {
    }

    /** One segment: a '/' in it is encoded too. */
    public static String segment(String decoded) {
        return encode(decoded, false);
    }

    /** A path: its '/' separators stay. */
    public static String path(String decoded) {
        return encode(decoded, true);
    }

    private static String encode(String decoded, boolean keepSlash) {
        StringBuilder out = new StringBuilder(decoded.length() + 16);
        for (byte b : decoded.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || keepSlash && c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
