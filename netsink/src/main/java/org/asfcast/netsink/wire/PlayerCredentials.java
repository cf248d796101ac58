package org.asfcast.netsink.wire;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * What a request carries to prove it may play, and the path it asks for once the token is taken
 * out: a player token in the URL, either as the path prefix {@code /t/<token>/<point path>} or as
 * the query parameter {@code token=<token>}, and HTTP Basic credentials from {@code Authorization}.
 * The router sees {@link #path()}, never the prefix. Pure.
 *
 * <p>The URL is the one credential every player carries (FFmpeg's mmsh drops {@code user:password},
 * VLC has no authentication, WMP never sends Basic to an origin server); Basic is for MPlayer and
 * FFmpeg's plain {@code http://}.
 *
 * @param path  the decoded path to route, without a {@code /t/<token>} prefix
 * @param token the token, decoded; empty when the request has none
 * @param form  where the token was ({@link TokenForm#NONE} without one)
 * @param basic the Basic user and password, when the request sent well-formed ones
 */
public record PlayerCredentials(String path, Optional<String> token, TokenForm form, Optional<Basic> basic) {

    /** The path prefix that carries a token: {@code /t/<token>/...}. */
    public static final String PREFIX = "/t/";

    /** Where in the URL a token was. */
    public enum TokenForm {
        /** No token. */
        NONE,
        /** {@code /t/<token>/<point path>}. */
        PATH,
        /** {@code <point path>?token=<token>}. */
        QUERY
    }

    /**
     * HTTP Basic credentials (RFC 7617).
     *
     * @param user     the user name
     * @param password the password
     */
    public record Basic(String user, String password) {
        /** Checks for nulls. */
        public Basic {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Basic[" + user + "]"; // never the password
        }
    }

    /** Checks for nulls and that a token has a form. */
    public PlayerCredentials {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(basic, "basic");
        if (token.isPresent() == (form == TokenForm.NONE)) {
            throw new IllegalArgumentException("a token has a form, and only a token has one");
        }
    }

    /** What {@code head} carries: the path prefix wins over a query token. */
    public static PlayerCredentials of(RequestHead head) {
        Optional<Basic> basic = head.first("Authorization").flatMap(PlayerCredentials::basic);
        String path = head.path();
        if (path.startsWith(PREFIX)) {
            int end = path.indexOf('/', PREFIX.length());
            String token = end < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), end);
            if (!token.isEmpty()) {
                return new PlayerCredentials(end < 0 ? "/" : path.substring(end), Optional.of(token), TokenForm.PATH, basic);
            }
        }
        Optional<String> query = queryToken(head.query());
        return new PlayerCredentials(path, query, query.isPresent() ? TokenForm.QUERY : TokenForm.NONE, basic);
    }

    /**
     * The URL path (percent-encoded, with the query if any) that names {@code pointPath} with this
     * request's token in the same form, for the links a metafile gives: a player that opened a
     * tokened {@code .asx} plays the stream with the same token.
     *
     * @param pointPath the decoded path of what the link names
     */
    public String linkTo(String pointPath) {
        return switch (form) {
            case NONE -> UrlPath.path(pointPath);
            case PATH -> PREFIX + UrlPath.segment(token.orElseThrow()) + UrlPath.path(pointPath);
            case QUERY -> UrlPath.path(pointPath) + "?token=" + UrlPath.segment(token.orElseThrow());
        };
    }

    /** The first non-empty {@code token=} value of a raw query, percent-decoded. */
    static Optional<String> queryToken(String query) {
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=") && pair.length() > "token=".length()) {
                return Optional.of(decode(pair.substring("token=".length())));
            }
        }
        return Optional.empty();
    }

    private static String decode(String raw) {
        try {
            return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // a stray '%': compared as sent, so it simply matches no token
        }
    }

    /** Well-formed Basic credentials of an Authorization value, or empty. */
    static Optional<Basic> basic(String authorization) {
        String value = authorization.strip();
        if (value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String pair = new String(bytes, StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(new Basic(pair.substring(0, colon), pair.substring(colon + 1)));
    }
}
