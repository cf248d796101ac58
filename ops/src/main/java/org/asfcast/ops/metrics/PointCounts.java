package org.asfcast.ops.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.asfcast.netsink.ClientInfo;
import org.asfcast.netsink.PublishingPoint;
import org.asfcast.netsink.wire.ClientProtocol;

/**
 * One point's counts at one moment, by protocol: the live sessions' (read from the point) plus the
 * ended ones' (from its {@link PointTally}). Read once per scrape or status request, so each
 * answer is consistent within itself.
 *
 * @param clients the live players, in order of arrival
 * @param players live players by protocol
 * @param bytes   bytes sent, ended and live sessions together, by protocol
 * @param skips   packets skipped, ended and live sessions together, by protocol
 */
public record PointCounts(List<ClientInfo> clients, Map<ClientProtocol, Integer> players,
                          Map<ClientProtocol, Long> bytes, Map<ClientProtocol, Long> skips) {

    /** The counts of {@code point} now, with what {@code tally} kept of its ended sessions. */
    public static PointCounts of(PublishingPoint point, PointTally tally) {
        Map<ClientProtocol, Integer> players = new EnumMap<>(ClientProtocol.class);
        Map<ClientProtocol, Long> bytes = new EnumMap<>(ClientProtocol.class);
        Map<ClientProtocol, Long> skips = new EnumMap<>(ClientProtocol.class);
        for (ClientProtocol p : ClientProtocol.values()) {
            players.put(p, 0);
            bytes.put(p, tally.endedBytes(p));
            skips.put(p, tally.endedSkips(p));
        }
        List<ClientInfo> clients = point.clients();
        for (ClientInfo c : clients) {
            players.merge(c.protocol(), 1, Integer::sum);
            bytes.merge(c.protocol(), c.bytesSent(), Long::sum);
            skips.merge(c.protocol(), c.packetsSkipped(), Long::sum);
        }
        return new PointCounts(clients, players, bytes, skips);
    }

    /** Bytes sent over every protocol. */
    public long totalBytes() {
        return bytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Packets skipped over every protocol. */
    public long totalSkips() {
        return skips.values().stream().mapToLong(Long::longValue).sum();
    }
}
