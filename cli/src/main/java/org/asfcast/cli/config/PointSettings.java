package org.asfcast.cli.config;

import java.time.Duration;
import java.util.List;
import org.asfcast.netsink.AddressRange;
import org.asfcast.netsink.NetworkSinkConfig;
import org.asfcast.netsink.SlowClientPolicy;

/**
 * What a point does with its players, apart from its source: everything here can change on reload
 * without dropping anyone.
 *
 * @param maxPlayers players at once on this point (default 100)
 * @param allow when not empty, only these may play
 * @param deny never these; deny wins over allow
 * @param slowPlayers what happens to a player that cannot keep up (default skip)
 * @param stallTimeout how far behind a player may fall before it loses its slot (default 10 s)
 * @param joinBurst the least a joining player gets at once beyond the stream's preroll (default {@link NetworkSinkConfig#joinBurst()})
 * @param start when the source runs (default always)
 * @param idleStop with {@link StartMode#ON_DEMAND}: stop the source after this long without players (default 60 s)
 */
public record PointSettings(int maxPlayers, List<AddressRange> allow, List<AddressRange> deny, SlowClientPolicy slowPlayers,
        Duration stallTimeout, Duration joinBurst, StartMode start, Duration idleStop) {

    /** The settings of a point that gives none. */
    public static final PointSettings DEFAULTS = new PointSettings(100, List.of(), List.of(), SlowClientPolicy.SKIP,
            Duration.ofSeconds(10), NetworkSinkConfig.defaults().joinBurst(), StartMode.ALWAYS, Duration.ofSeconds(60));

    /** Copies the lists. */
    public PointSettings {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }
}
