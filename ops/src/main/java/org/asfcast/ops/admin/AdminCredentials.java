package org.asfcast.ops.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may use the admin listener: a bearer token ({@code Authorization: Bearer T}), a user and
 * password ({@code Authorization: Basic}), either or both. Comparisons take the same time however
 * much of a guess is right. With neither set, anyone who reaches the listener is let in (only
 * allowed on a loopback address; the config reader sees to that). Pure.
 *
 * @param token    the bearer token, if any
 * @param user     the Basic user, if any (with {@code password})
 * @param password the Basic password, if any (with {@code user})
 */
public record AdminCredentials(Optional<String> token, Optional<String> user, Optional<String> password) {

    /** Who is let in without a credential, for the log. */
    public static final String ANYONE = "anyone";
    /** Who a right bearer token is, for the log (the token itself is never logged). */
    public static final String TOKEN = "token";

    public AdminCredentials {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("a Basic user needs a password, and a password a user");
        }
    }

    /** Only a bearer token. */
    public static AdminCredentials token(String token) {
        return new AdminCredentials(Optional.of(token), Optional.empty(), Optional.empty());
    }

    /** No credential: anyone who can reach the listener. */
    public static AdminCredentials none() {
        return new AdminCredentials(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether a credential is needed at all. */
    public boolean required() {
        return token.isPresent() || user.isPresent();
    }

    /**
     * Who the {@code Authorization} header (if sent) shows the caller to be: {@code "token"}, the
     * Basic user's name, or {@link #ANYONE} when none is required; empty when it lets no one in.
     */
    public Optional<String> caller(Optional<String> authorization) {
        if (!required()) {
            return Optional.of(ANYONE);
        }
        if (authorization.isEmpty()) {
            return Optional.empty();
        }
        String value = authorization.get().trim();
        int space = value.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
        String rest = value.substring(space + 1).trim();
        if (scheme.equals("bearer") && token.isPresent()) {
            return same(rest, token.get()) ? Optional.of(TOKEN) : Optional.empty();
        }
        if (scheme.equals("basic") && user.isPresent()) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(rest), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = pair.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            // Both compared, always: which part was wrong shows neither in the answer nor in the time.
            boolean userRight = same(pair.substring(0, colon), user.get());
            boolean passwordRight = same(pair.substring(colon + 1), password.get());
            return userRight & passwordRight ? Optional.of(user.get()) : Optional.empty();
        }
        return Optional.empty();
    }

    /** Constant-time in the guess's content: both sides are hashed first, so lengths do not show either. */
    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(sha256(given), sha256(expected));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        // Never the secrets themselves.
        return "AdminCredentials[token=" + (token.isPresent() ? "set" : "none") + ", user="
                + user.orElse("none") + "]";
    }
}
