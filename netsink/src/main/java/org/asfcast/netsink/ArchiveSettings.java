package org.asfcast.netsink;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link ArchivePoint} serves its files.
 *
 * @param maximumClients how many players may stream from the point at once
 * @param fastStart      how far ahead of real time a player may be sent, beyond the file's preroll:
 *                       the first seconds go out at socket speed (Windows Media Services' Fast
 *                       Start), then packets go by their send times, so a player's buffer holds at
 *                       most this much and a seek or a pause wastes little
 * @param idleTimeout    how long a player's socket may take nothing before it loses its slot (a
 *                       paused MPlayer stops reading; a paused VLC hangs up and asks again)
 * @param bitrateObjects whether a file whose header lacks Stream Bitrate Properties or Bitrate Mutual
 *                       Exclusion is served (Describe and Play) with them added, from the bit rates its
 *                       scan measured ({@link org.asfcast.asf.ArchiveFile#withBitrateObjects()}), so
 *                       players choose by bit rate; plain HTTP always gets the file's own bytes
 */
public record ArchiveSettings(int maximumClients, Duration fastStart, Duration idleTimeout, boolean bitrateObjects) {

    /** Windows Media Services' own Fast Start sends about this much at once. */
    public static final Duration DEFAULT_FAST_START = Duration.ofSeconds(5);

    /** MS-WMSP's Idle-Timeout ([MS-WMSP] §3.2.2: 60,000 ms). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when a value is negative, or the idle timeout is zero
     */
    public ArchiveSettings {
        Objects.requireNonNull(fastStart, "fastStart");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maximumClients < 0) {
            throw new IllegalArgumentException("the maximum number of players cannot be negative (" + maximumClients + ")");
        }
        if (fastStart.isNegative()) {
            throw new IllegalArgumentException("the fast start cannot be negative (" + fastStart + ")");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive (" + idleTimeout + ")");
        }
    }

    /** Settings that serve each file's header as it is (no bitrate objects added). */
    public ArchiveSettings(int maximumClients, Duration fastStart, Duration idleTimeout) {
        this(maximumClients, fastStart, idleTimeout, false);
    }

    /** The defaults: the sink's player limit, a 5 s fast start, a 60 s idle timeout, headers as they are. */
    public static ArchiveSettings defaults() {
        return new ArchiveSettings(NetworkSink.DEFAULT_MAXIMUM_CLIENTS, DEFAULT_FAST_START, DEFAULT_IDLE_TIMEOUT);
    }

    /** These settings with another player limit. */
    public ArchiveSettings withMaximumClients(int n) {
        return new ArchiveSettings(n, fastStart, idleTimeout, bitrateObjects);
    }

    /** These settings with bitrate objects added to headers that lack them, or not. */
    public ArchiveSettings withBitrateObjects(boolean add) {
        return new ArchiveSettings(maximumClients, fastStart, idleTimeout, add);
    }
}
