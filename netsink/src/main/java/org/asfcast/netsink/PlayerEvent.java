package org.asfcast.netsink;

import java.time.Duration;
import java.util.Objects;

/**
 * A player's stream starting or ending, as a {@link ServerObserver} sees it.
 *
 * @param point    the path of the point it plays (a file's point: the point's path, the file in
 *                 {@code request.uri()})
 * @param onDemand whether the point serves files on demand (else it is a broadcast)
 * @param client   the player as it is now: address, user agent, protocol, bytes, skips, lag
 * @param request  what it asked with
 * @param joinTime from its request being complete to its stream starting (a request held until a
 *                 broadcast started counts the wait)
 * @param packetsSent data packets written to it so far (counted per delivery pass, not per packet)
 * @param startMillis where in the content its stream started, in ms: on demand the file position
 *                    it asked for, 0 for a broadcast and for a plain-HTTP download
 */
public record PlayerEvent(String point, boolean onDemand, ClientInfo client, PlayerRequest request, Duration joinTime,
                          long packetsSent, long startMillis) {

    public PlayerEvent {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(joinTime, "joinTime");
    }

    /** An event that counts no packets and started at 0. */
    public PlayerEvent(String point, boolean onDemand, ClientInfo client, PlayerRequest request, Duration joinTime) {
        this(point, onDemand, client, request, joinTime, 0, 0);
    }
}
