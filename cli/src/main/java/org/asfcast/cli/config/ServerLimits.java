package org.asfcast.cli.config;

/**
 * Limits over every point together, on top of each point's own.
 *
 * @param maxPlayers players streaming on all points together (default 10000)
 * @param maxBandwidth total outgoing bit rate; {@link BitRate#NONE} for no limit (the default)
 * @param connectionsPerSecond new connections per second from one address; 0 for no limit (the default)
 */
public record ServerLimits(int maxPlayers, BitRate maxBandwidth, int connectionsPerSecond) {

    /** The limits of a file that gives none. */
    public static final ServerLimits DEFAULTS = new ServerLimits(10_000, BitRate.NONE, 0);
}
