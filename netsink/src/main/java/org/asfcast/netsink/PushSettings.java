package org.asfcast.netsink;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

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
 */
public record PushSettings(Optional<String> token, Optional<String> user, Optional<String> password, Duration grace,
                           Duration idleTimeout) {

    /** The default grace period, as a command's restart grace. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    /** The default idle timeout: MS-WMHTTP's Idle-Timeout default. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    /** Checks there is a credential, and a password with a user. */
    public PushSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (token.isEmpty() && user.isEmpty()) {
            throw new IllegalArgumentException("a push point needs a token or a user to accept publishers");
        }
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("a push user needs a password, and a password a user");
        }
    }

    /** Settings with {@code token} alone and the default times. */
    public static PushSettings ofToken(String token) {
        return new PushSettings(Optional.of(token), Optional.empty(), Optional.empty(), DEFAULT_GRACE, DEFAULT_IDLE_TIMEOUT);
    }

    @Override
    public String toString() {
        return "PushSettings[" + (token.isPresent() ? "token, " : "") + user.map(u -> "user " + u + ", ").orElse("")
                + "grace " + grace + ", idle " + idleTimeout + "]"; // never a secret
    }
}
