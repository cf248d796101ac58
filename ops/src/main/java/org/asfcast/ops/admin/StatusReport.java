package org.asfcast.ops.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asfcast.netsink.ArchivePoint;
import org.asfcast.netsink.BroadcastPoint;
import org.asfcast.netsink.ClientInfo;
import org.asfcast.netsink.PublishingPoint;
import org.asfcast.netsink.StreamDescription;
import org.asfcast.ops.metrics.PointCounts;
import org.asfcast.ops.metrics.PointTally;
import org.asfcast.ops.metrics.Protocols;
import org.asfcast.ops.metrics.RateMeter;
import org.asfcast.ops.metrics.ServerTally;

/**
 * The body of {@code GET /api/v1/status}, as records Jackson writes: {@code schema} 1, the server,
 * each point with its players. Arrays are always arrays (empty, never absent or null); times are
 * ISO-8601 UTC; user agents are cut to {@link #MAX_USER_AGENT} characters (Jackson escapes them).
 *
 * @param schema the document's version: 1; a field removed or changed in meaning raises it
 * @param server the server's totals
 * @param points every published point, in path order
 */
public record StatusReport(int schema, Server server, List<Point> points) {

    /** The version of this document's shape. */
    public static final int SCHEMA = 1;
    /** The most of a user agent the status shows. */
    public static final int MAX_USER_AGENT = 256;

    /** The server: what it is, how long it has run, its totals now. */
    public record Server(String version, String startedAt, long uptimeSeconds, int players, long bytesOut,
                         long bitsPerSecondOut, long accepts, int openConnections) {
    }

    /** One point. {@code refusals} is by HTTP status, as a string key ({@code "404"}). */
    public record Point(String path, String kind, Source source, List<Stream> streams, int players, int peakPlayers,
                        long bytesOut, long bitsPerSecondOut, long packetsSkipped, long dropped,
                        Map<String, Long> refusals, List<Client> clients) {
    }

    /**
     * A point's source: {@code running}, {@code starting}, {@code stopped} or {@code failed}, and what
     * it is; {@code relay} only for an edge's relay (absent otherwise).
     */
    public record Source(String state, String description,
                         @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                         RelayState relay) {

        /** The source of a point that relays nothing. */
        public Source(String state, String description) {
            this(state, description, null);
        }
    }

    /** One stream of a broadcast's header. */
    public record Stream(int number, String type, long bitsPerSecond) {
    }

    /** One player. {@code protocol} is {@code mmsh} or {@code http}. */
    public record Client(long id, String address, String userAgent, String protocol, String connectedSince, long bytes,
                         long lagMillis, long packetsSkipped) {
    }

    /**
     * The status now.
     *
     * @param points  the published points, by path
     * @param counts  their counts, by path (from the same moment)
     * @param tally   the ended sessions' and refusals' counts
     * @param rates   outgoing bit rates by path, and {@code ""} for the server
     * @param actions the source states
     * @param listed  the most players listed per point, the first to arrive ({@code players} counts
     *                them all): a view that shows that many (the status page) gets a document of the
     *                same size whatever the audience, made without a record per player it would drop
     */
    static StatusReport of(String version, Instant now, Map<String, PublishingPoint> points,
                           Map<String, PointCounts> counts, ServerTally tally, RateMeter rates, AdminActions actions,
                           long accepts, int openConnections, int listed) {
        List<Point> list = new ArrayList<>();
        int players = 0;
        long bytes = 0;
        for (Map.Entry<String, PublishingPoint> e : new java.util.TreeMap<>(points).entrySet()) {
            PointCounts c = counts.get(e.getKey());
            if (c == null) {
                continue;
            }
            Point p = point(e.getKey(), e.getValue(), c, tally.point(e.getValue().name()), rates, actions, listed);
            list.add(p);
            players += p.players();
            bytes += p.bytesOut();
        }
        Instant started = tally.startedAt();
        Server server = new Server(version, started.toString(), Math.max(0, Duration.between(started, now).toSeconds()),
                players, bytes, rates.bitsPerSecond(""), accepts, openConnections);
        return new StatusReport(SCHEMA, server, List.copyOf(list));
    }

    private static Point point(String path, PublishingPoint point, PointCounts c, PointTally t, RateMeter rates,
                               AdminActions actions, int listed) {
        SourceState source = actions.sourceState(path);
        List<Stream> streams = new ArrayList<>();
        if (point instanceof BroadcastPoint b) {
            for (StreamDescription d : b.streams()) {
                streams.add(new Stream(d.number(), d.type(), d.bitsPerSecond()));
            }
        }
        Map<String, Long> refusals = new LinkedHashMap<>();
        t.refusals().forEach((status, n) -> refusals.put(Integer.toString(status), n));
        int players = c.clients().size();
        List<Client> clients = c.clients().stream().limit(listed).map(StatusReport::client).toList();
        return new Point(path, point instanceof ArchivePoint ? "on-demand" : "broadcast",
                new Source(source.state().apiName(), source.description(), source.relay().orElse(null)), List.copyOf(streams), players,
                Math.max(t.peakPlayers(), players), c.totalBytes(), rates.bitsPerSecond(path), c.totalSkips(),
                t.dropped(), refusals, clients);
    }

    /** At most {@link #MAX_USER_AGENT} characters, never half a surrogate pair. */
    static String cut(String userAgent) {
        if (userAgent.length() <= MAX_USER_AGENT) {
            return userAgent;
        }
        int end = Character.isHighSurrogate(userAgent.charAt(MAX_USER_AGENT - 1)) ? MAX_USER_AGENT - 1 : MAX_USER_AGENT;
        return userAgent.substring(0, end);
    }

    private static Client client(ClientInfo c) {
        String agent = cut(c.userAgent());
        return new Client(c.id(), c.address().getHostAddress(), agent, Protocols.name(c.protocol()),
                c.connectedSince().toString(), c.bytesSent(), c.lagMillis(), c.packetsSkipped());
    }
}
