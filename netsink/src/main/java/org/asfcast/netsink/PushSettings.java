package org.asfcast.netsink;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.asfcast.asf.auth.DigestAlgorithm;

/**
 * Who may publish to a push point and how long it waits for them.
 *
 * @param token       the publishing token ({@code ?token=}, a {@code /t/<token>} path prefix, or
 *                    the password of Basic credentials), empty when only Basic credentials are given
 * @param user        the Basic user name publishers may give with {@code password}, empty for none
 * @param password    the Basic password for {@code user}
 * @param grace       how long players are kept when the publisher stops or drops, and how long a
 *                    push session waits for its next PushStart
 * @param idleTimeout how long a publisher's connection may send nothing before it is closed (408)
 * @param digest      the HTTP Digest algorithms a 401 offers for {@code user}, strongest first; empty
 *                    for Basic only (a client whose Digest knows only MD5 and reads only the first
 *                    Digest challenge, such as Windows' SSPI, needs MD5 alone)
 */
public record PushSettings(Optional<String> token, Optional<String> user, Optional<String> password, Duration grace,
                           Duration idleTimeout, List<DigestAlgorithm> digest) {

    /** The default grace period, as a command's restart grace. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    /** The default idle timeout: MS-WMHTTP's Idle-Timeout default. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /**
     * The Digest algorithms offered unless told otherwise: SHA-256 first (curl answers the first
     * Digest challenge), MD5 last (FFmpeg answers the last one and knows only MD5).
     */
    public static final List<DigestAlgorithm> DEFAULT_DIGEST = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);

    /** Checks there is a credential, and a password with a user. */
    public PushSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        digest = List.copyOf(digest);
        if (token.isEmpty() && user.isEmpty()) {
            throw new IllegalArgumentException("a push point needs a token or a user to accept publishers");
        }
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("a push user needs a password, and a password a user");
        }
    }

    /** Settings that offer {@link #DEFAULT_DIGEST} for the user. */
    public PushSettings(Optional<String> token, Optional<String> user, Optional<String> password, Duration grace,
                        Duration idleTimeout) {
        this(token, user, password, grace, idleTimeout, DEFAULT_DIGEST);
    }

    /** Settings with {@code token} alone and the default times. */
    public static PushSettings ofToken(String token) {
        return new PushSettings(Optional.of(token), Optional.empty(), Optional.empty(), DEFAULT_GRACE, DEFAULT_IDLE_TIMEOUT);
    }

    @Override
    public String toString() {
        return "PushSettings[" + (token.isPresent() ? "token, " : "") + user.map(u -> "user " + u + ", ").orElse("")
                + (user.isPresent() ? "digest " + digest + ", " : "")
                + "grace " + grace + ", idle " + idleTimeout + "]"; // never a secret
    }
}
