package org.asfcast.cli.config;

import java.time.Duration;
import java.util.List;
import org.asfcast.netsink.AddressRange;
import org.asfcast.netsink.ArchiveSettings;
import org.asfcast.netsink.NetworkSinkConfig;
import org.asfcast.netsink.SlowClientPolicy;

/**
 * What a point does with its players, apart from its source: everything here can change on reload
 * without dropping anyone. A broadcast point uses the broadcast settings, an on-demand point the
 * on-demand ones (the reader refuses the others); both use the rest.
 *
 * @param maxPlayers players at once on this point (default 100)
 * @param allow when not empty, only these may play
 * @param deny never these; deny wins over allow
 * @param slowPlayers broadcast: what happens to a player that cannot keep up (default skip)
 * @param stallTimeout broadcast: how far behind a player may fall before it loses its slot (default 10 s)
 * @param joinBurst broadcast: the least a joining player gets at once beyond the stream's preroll (default {@link NetworkSinkConfig#joinBurst()})
 * @param start broadcast: when the source runs (default always)
 * @param idleStop broadcast with {@link StartMode#ON_DEMAND}: stop the source after this long without players (default 60 s)
 * @param fastStart on demand: what a player gets at once beyond the file's preroll, WMS's Fast Start (default 5 s)
 * @param idleTimeout on demand: how long a player's socket may take nothing before it loses its slot (default 60 s)
 * @param bitrateObjects serve a header lacking them with Stream Bitrate Properties and Bitrate Mutual
 *     Exclusion added, so players choose among streams by bit rate (default false)
 */
public record PointSettings(int maxPlayers, List<AddressRange> allow, List<AddressRange> deny, SlowClientPolicy slowPlayers,
        Duration stallTimeout, Duration joinBurst, StartMode start, Duration idleStop, Duration fastStart, Duration idleTimeout,
        boolean bitrateObjects) {

    /** The settings of a point that gives none. */
    public static final PointSettings DEFAULTS = new PointSettings(100, List.of(), List.of(), SlowClientPolicy.SKIP,
            Duration.ofSeconds(10), NetworkSinkConfig.defaults().joinBurst(), StartMode.ALWAYS, Duration.ofSeconds(60),
            ArchiveSettings.DEFAULT_FAST_START, ArchiveSettings.DEFAULT_IDLE_TIMEOUT, false);

    /** Copies the lists. */
    public PointSettings {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    /** The broadcast settings of a point that gives only these (the on-demand ones and bitrate-objects at their defaults). */
    public PointSettings(int maxPlayers, List<AddressRange> allow, List<AddressRange> deny, SlowClientPolicy slowPlayers,
            Duration stallTimeout, Duration joinBurst, StartMode start, Duration idleStop) {
        this(maxPlayers, allow, deny, slowPlayers, stallTimeout, joinBurst, start, idleStop, DEFAULTS.fastStart(),
                DEFAULTS.idleTimeout(), false);
    }

    /** What an on-demand point serves with: the player limit, fast start, idle timeout and bitrate objects. */
    public ArchiveSettings archiveSettings() {
        return new ArchiveSettings(maxPlayers, fastStart, idleTimeout, bitrateObjects);
    }
}
