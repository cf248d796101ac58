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
     * it is; {@code relay} only for an edge's relay, {@code publisher} only for a push point (each
     * absent otherwise).
     */
    public record Source(String state, String description,
                         @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                         RelayState relay,
                         @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                         Publisher publisher) {

        /** The source of a point that neither relays nor is pushed to. */
        public Source(String state, String description) {
            this(state, description, null, null);
        }
    }

    /**
     * Who publishes to a push point: {@code connected} is false while nobody does, and then address,
     * port, since and protocol are null. {@code protocol} is {@code PUT}, {@code POST} or
     * {@code MS-WMHTTP push}; {@code since} when its stream began, in ISO-8601 UTC.
     */
    public record Publisher(boolean connected, String address, Integer port, String since, String protocol) {
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
        int players = c.playerCount();
        List<Client> clients = new Clients(c.clients(), listed);
        return new Point(path, point instanceof ArchivePoint ? "on-demand" : "broadcast",
                new Source(source.state().apiName(), source.description(), source.relay().orElse(null), publisher(point)),
                List.copyOf(streams), players,
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

    /** Who publishes to a push point now; null for a point that is not one. */
    static Publisher publisher(PublishingPoint point) {
        if (!(point instanceof BroadcastPoint b) || b.pushIngest().isEmpty()) {
            return null;
        }
        return b.pushIngest().get().publisher()
                .map(p -> new Publisher(true, p.address().getAddress().getHostAddress(), p.address().getPort(),
                        p.since().toString(), p.how()))
                .orElse(new Publisher(false, null, null, null, null));
    }

    /**
     * The first {@code listed} players as records made one at a time, as Jackson writes them: beside
     * thousands of players a list made whole at once outlives the young generation while the
     * document is written, and each request would leave megabytes for a full collection (the
     * event loops stop for it: docs/benchmarks.md, the operator side).
     */
    private static final class Clients extends java.util.AbstractList<Client> implements java.util.RandomAccess {
        private final List<ClientInfo> infos;
        private final int size;

        Clients(List<ClientInfo> infos, int listed) {
            this.infos = infos;
            this.size = Math.min(infos.size(), Math.max(0, listed));
        }

        @Override
        public Client get(int index) {
            java.util.Objects.checkIndex(index, size);
            return client(infos.get(index));
        }

        @Override
        public int size() {
            return size;
        }
    }

    private static Client client(ClientInfo c) {
        String agent = cut(c.userAgent());
        return new Client(c.id(), c.address().getHostAddress(), agent, Protocols.name(c.protocol()),
                c.connectedSince().toString(), c.bytesSent(), c.lagMillis(), c.packetsSkipped());
    }
}
