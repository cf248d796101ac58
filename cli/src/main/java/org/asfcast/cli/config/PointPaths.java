package org.asfcast.cli.config;

import java.util.Locale;
import java.util.Optional;

/** The rules for a point's path: what players put after the host in the URL. */
final class PointPaths {

    private static final String ALLOWED = "-._~!$&'()*+,;=:@/";

    private PointPaths() {
    }

    /** The path compared and stored: without a trailing '/', except the root "/". */
    static String normalize(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** What is wrong with {@code path}, if anything. */
    static Optional<String> problem(String path) {
        if (!path.startsWith("/")) {
            return Optional.of("must start with '/', such as /" + path);
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean letterOrDigit = c < 128 && Character.isLetterOrDigit(c);
            if (!letterOrDigit && ALLOWED.indexOf(c) < 0) {
                return Optional.of("may hold only letters, digits and " + ALLOWED + ", not '" + c + "' (\"" + path + "\")");
            }
        }
        String p = normalize(path);
        if (p.contains("//")) {
            return Optional.of("has an empty segment (\"//\"): \"" + path + "\"");
        }
        for (String segment : p.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("may not hold a \"" + segment + "\" segment: \"" + path + "\"");
            }
        }
        if (p.equals("/t") || p.startsWith("/t/")) {
            return Optional.of("may not be /t or under it: /t/<token>/<path> is how players give a token (\"" + path + "\")");
        }
        if (p.toLowerCase(Locale.ROOT).endsWith(".asx")) {
            return Optional.of("may not end in .asx: " + p + " is the metafile of the point " + p.substring(0, p.length() - 4));
        }
        return Optional.empty();
    }
}
