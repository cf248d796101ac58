package org.asfcast.netsink;

/**
 * Limits over every point of a server together, on top of each point's own player limit. Zero
 * means no limit.
 *
 * @param maximumPlayers        the most players streaming on all points together
 * @param maximumBitsPerSecond  the most outgoing bit rate: a player is refused while the points'
 *                              players, at their broadcasts' bit rates, would need more
 * @param connectionsPerSecond  the most new connections per second from one address
 */
public record ServerLimits(int maximumPlayers, long maximumBitsPerSecond, int connectionsPerSecond) {

    /** No server-wide limit. */
    public static final ServerLimits NONE = new ServerLimits(0, 0, 0);

    public ServerLimits {
        if (maximumPlayers < 0 || maximumBitsPerSecond < 0 || connectionsPerSecond < 0) {
            throw new IllegalArgumentException("server limits cannot be negative");
        }
    }
}
