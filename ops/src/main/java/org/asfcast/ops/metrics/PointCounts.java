package org.asfcast.ops.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.asfcast.netsink.ClientInfo;
import org.asfcast.netsink.PublishingPoint;
import org.asfcast.netsink.wire.ClientProtocol;

/**
 * One point's counts at one moment, by protocol: the live sessions' (read from the point) plus the
 * ended ones' (from its {@link PointTally}). Read once per scrape, status request or sample, in one
 * walk of the players, so each answer is consistent within itself.
 *
 * @param clients the first live players, in order of arrival, as many as the reader lists
 *                ({@link #playerCount} counts them all)
 * @param players live players by protocol
 * @param bytes   bytes sent, ended and live sessions together, by protocol
 * @param skips   packets skipped, ended and live sessions together, by protocol
 */
public record PointCounts(List<ClientInfo> clients, Map<ClientProtocol, Integer> players,
                          Map<ClientProtocol, Long> bytes, Map<ClientProtocol, Long> skips) {

    /** The counts of {@code point} now, every player listed, with what {@code tally} kept of its ended sessions. */
    public static PointCounts of(PublishingPoint point, PointTally tally) {
        return of(point, tally, Integer.MAX_VALUE);
    }

    /**
     * The counts of {@code point} now, with what {@code tally} kept of its ended sessions, the first
     * {@code listed} players as records: the others are counted without one (a walk once a second
     * beside thousands of players).
     */
    public static PointCounts of(PublishingPoint point, PointTally tally, int listed) {
        ClientProtocol[] protocols = ClientProtocol.values();
        int[] live = new int[protocols.length];
        long[] sent = new long[protocols.length];
        long[] skipped = new long[protocols.length];
        List<ClientInfo> clients = point.clients(listed, (protocol, bytesSent, packetsSkipped) -> {
            live[protocol.ordinal()]++;
            sent[protocol.ordinal()] += bytesSent;
            skipped[protocol.ordinal()] += packetsSkipped;
        });
        Map<ClientProtocol, Integer> players = new EnumMap<>(ClientProtocol.class);
        Map<ClientProtocol, Long> bytes = new EnumMap<>(ClientProtocol.class);
        Map<ClientProtocol, Long> skips = new EnumMap<>(ClientProtocol.class);
        for (ClientProtocol p : protocols) {
            players.put(p, live[p.ordinal()]);
            bytes.put(p, tally.endedBytes(p) + sent[p.ordinal()]);
            skips.put(p, tally.endedSkips(p) + skipped[p.ordinal()]);
        }
        return new PointCounts(clients, players, bytes, skips);
    }

    /** Live players over every protocol, listed or not. */
    public int playerCount() {
        return players.values().stream().mapToInt(Integer::intValue).sum();
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
