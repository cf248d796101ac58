package org.asfcast.netsink;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A player's own log of its playback, as it POSTed it (research operations-and-mmst.md §1.1.3),
 * for a {@link ServerObserver}: unparsed, since what it holds is the operator side's matter.
 *
 * @param point      the path of the point the POST was sent to; empty when it named none
 * @param remote     the address and port it came from
 * @param clientId   its {@code Pragma: client-id}, when it sent one (the id its stream was answered with)
 * @param playerGuid its {@code Pragma: xClientGUID}, when it sent one
 * @param uri        the path and query it POSTed to, as sent
 * @param userAgent  the User-Agent it sent, empty when none
 * @param logLine    the {@code log-line=} text (the legacy form: W3C fields, space-separated), when sent
 * @param body       the body (the LogStats XML form), decoded as UTF-8; empty when there was none, or
 *                   when it was longer than {@link #MAX_BODY} (then it was skipped)
 * @param at         when it arrived
 */
public record PlayerReport(String point, InetSocketAddress remote, OptionalLong clientId, Optional<String> playerGuid,
                           String uri, String userAgent, Optional<String> logLine, String body, Instant at) {

    /** The longest body kept; a longer one is read past, unread. A log is a few KB. */
    public static final int MAX_BODY = 64 << 10;

    /** Checks that nothing is null. */
    public PlayerReport {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(playerGuid, "playerGuid");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(logLine, "logLine");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(at, "at");
    }
}
