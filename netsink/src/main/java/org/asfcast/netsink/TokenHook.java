package org.asfcast.netsink;

import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An outside service that says whether a player token opens a point: asfcast asks it with the
 * player's address, the point, its user agent and the token. The server calls {@link #ask} on an
 * event loop, so it must return at once and answer later; {@link PlayerTokens} bounds how long it
 * waits and caches the answers. The HTTP implementation lives with the operator side (ops).
 */
public interface TokenHook {

    /** What the hook said. */
    enum Answer {
        /** The token opens the point for this player. */
        ADMIT,
        /** It does not. */
        REFUSE
    }

    /**
     * What the hook is asked.
     *
     * @param address   the player's address
     * @param point     the point's path
     * @param userAgent the player's User-Agent, as sent
     * @param token     the token it presented
     */
    record Question(InetAddress address, String point, String userAgent, String token) {
        /** Checks for nulls. */
        public Question {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(point, "point");
            Objects.requireNonNull(userAgent, "userAgent");
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Question[" + address.getHostAddress() + ", " + point + ", "
                    + org.asfcast.netsink.wire.TokenRedaction.uri("?token=" + token) + "]";
        }
    }

    /**
     * Asks the hook; returns at once. The future completes with the answer, or exceptionally when
     * the hook could not answer (unreachable, an error status, an answer that makes no sense):
     * then nobody is admitted with that token.
     */
    CompletableFuture<Answer> ask(Question question);
}
