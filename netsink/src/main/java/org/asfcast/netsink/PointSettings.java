package org.asfcast.netsink;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one broadcast point: how many players it takes, how much of the broadcast it
 * keeps for joiners, and what it does with players that fall behind. Made from a
 * {@link NetworkSinkConfig} ({@link NetworkSinkConfig#pointSettings()}), whose builder checks every
 * value; see there for each setting's meaning and default.
 *
 * @param maximumClients    the most players streaming at once
 * @param ringWindow        how much of the broadcast is kept for joiners, by send time
 * @param ringMaxBytes      the most bytes kept for joiners
 * @param slowClientPolicy  what a player that falls off the kept window gets
 * @param stallTimeout      how far behind (broadcast time) a player may fall before it loses its slot
 * @param resolveNames      whether player addresses are resolved to names in the background
 * @param retryAfterSeconds the Retry-After of a 503 before the broadcast starts or after it ends
 * @param fastStart         whether a joiner gets the kept window from a key frame at socket speed
 * @param deliveryInterval  how long new packets may wait before they go out (fixed when the point is made)
 * @param joinBurst         the least a joiner gets at once beyond the stream's preroll
 * @param startWait         how long a request waits (held) for a point with no broadcast to start
 *                          before it gets 503; zero answers 503 at once, as the SDK's sink does
 */
public record PointSettings(int maximumClients, Duration ringWindow, long ringMaxBytes,
                            SlowClientPolicy slowClientPolicy, Duration stallTimeout, boolean resolveNames,
                            int retryAfterSeconds, boolean fastStart, Duration deliveryInterval, Duration joinBurst,
                            Duration startWait) {

    /**
     * The wait for a point that starts when a player asks ({@link #withStartWait}). MPlayer gives
     * up on a silent server after 10 s and FFmpeg and VLC wait without end; a source that has no
     * header after 15 s (an encoder starts in 1-3 s) is failing, and a 503 saying so beats silence.
     */
    public static final Duration ON_DEMAND_START_WAIT = Duration.ofSeconds(15);

    public PointSettings {
        Objects.requireNonNull(ringWindow, "ringWindow");
        Objects.requireNonNull(slowClientPolicy, "slowClientPolicy");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        Objects.requireNonNull(deliveryInterval, "deliveryInterval");
        Objects.requireNonNull(joinBurst, "joinBurst");
        Objects.requireNonNull(startWait, "startWait");
        if (startWait.isNegative()) {
            throw new IllegalArgumentException("the start wait cannot be negative (" + startWait + ")");
        }
        if (maximumClients < 0) {
            throw new IllegalArgumentException("the maximum number of players cannot be negative (" + maximumClients + ")");
        }
    }

    /** The defaults of {@link NetworkSinkConfig#defaults()}. */
    public static PointSettings defaults() {
        return NetworkSinkConfig.defaults().pointSettings();
    }

    /** These settings with another player limit. */
    public PointSettings withMaximumClients(int n) {
        return new PointSettings(n, ringWindow, ringMaxBytes, slowClientPolicy, stallTimeout, resolveNames,
                retryAfterSeconds, fastStart, deliveryInterval, joinBurst, startWait);
    }

    /** These settings with another start wait ({@link Duration#ZERO}: refuse at once). */
    public PointSettings withStartWait(Duration wait) {
        return new PointSettings(maximumClients, ringWindow, ringMaxBytes, slowClientPolicy, stallTimeout, resolveNames,
                retryAfterSeconds, fastStart, deliveryInterval, joinBurst, wait);
    }
}
