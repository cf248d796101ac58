package org.asfcast.netsink;

import java.util.Optional;
import org.asfcast.netsink.wire.ClientRequest;

/**
 * What a player's stream was asked with, kept for the operator's side ({@link ServerObserver}):
 * a few strings, not the request head, since a broadcast keeps one per player.
 *
 * @param uri         the path and, when sent, the query, as sent (a query may hold a player token:
 *                    redact it before it reaches a log)
 * @param referer     the Referer it sent, if any
 * @param playerGuid  the player's {@code xClientGUID} pragma, if any (WMP and NSPlayer send one)
 * @param clientId    the client id the stream was answered with
 * @param requestNanos {@link System#nanoTime()} when its request head was complete
 */
public record PlayerRequest(String uri, Optional<String> referer, Optional<String> playerGuid, long clientId,
                            long requestNanos) {

    /** The facts of {@code request}, complete at {@code requestNanos}, answered with {@code clientId}. */
    static PlayerRequest of(ClientRequest request, long clientId, long requestNanos) {
        return new PlayerRequest(uriOf(request), request.head().first("Referer"), request.pragmas().clientGuid(),
                clientId, requestNanos);
    }

    /** The path and query of a request, as sent. */
    static String uriOf(ClientRequest request) {
        String query = request.head().query();
        return query.isEmpty() ? request.head().path() : request.head().path() + "?" + query;
    }
}
