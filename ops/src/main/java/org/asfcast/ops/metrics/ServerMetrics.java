package org.asfcast.ops.metrics;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.asfcast.netsink.DisconnectReason;
import org.asfcast.netsink.PublishingPoint;
import org.asfcast.netsink.StreamingServer;
import org.asfcast.netsink.wire.ClientProtocol;

/**
 * The server's Prometheus metrics, in the text exposition format: per point and protocol the
 * players, bytes sent, packets skipped, players dropped (by reason), refusals (by status), join
 * time and source restarts; server-wide the accepted and open connections, refusals, the delivery
 * pass time and the allocator's memory. Read at scrape time from the points' players and the
 * {@link ServerTally}: nothing is counted on the packet path. Every series of a published point
 * is there from its first scrape, zero until something happens.
 */
public final class ServerMetrics {

    /** The content type of {@link #scrape()}. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
    /** Refusal statuses every point shows (zero until one happens); others appear once seen. */
    static final List<Integer> KNOWN_REFUSALS = List.of(400, 401, 403, 404, 503);
    /** The reasons a player is dropped by the server rather than leaving or reaching the end. */
    static final List<DisconnectReason> DROPS = List.of(DisconnectReason.SLOW, DisconnectReason.DISPLACED,
            DisconnectReason.KICKED, DisconnectReason.DISCONNECT, DisconnectReason.CLOSE, DisconnectReason.ERROR);

    private final StreamingServer server;
    private final ServerTally tally;
    private final ToLongFunction<String> sourceRestarts;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Histogram joins;
    private final Set<String> joinPoints = ConcurrentHashMap.newKeySet();
    /** A counter made of live and ended sessions may dip while a session moves between them: never shown. */
    private final Map<String, Long> highest = new HashMap<>();
    private Map<String, PointCounts> now = Map.of(); // for the callbacks of the scrape under way

    /**
     * Metrics of {@code server}; registers its {@link ServerTally} as the server's observer.
     *
     * @param sourceRestarts how many times the source of the point at a path was started again
     */
    public ServerMetrics(StreamingServer server, ToLongFunction<String> sourceRestarts) {
        // No exemplars: asfcast has no traces to link, and the client's exemplar sampling runs a
        // scheduler thread and a rate-limited sample per observation (10% of a core beside 2,000
        // players, docs/benchmarks.md), on the event loops' pass timing among others.
        this.server = server;
        this.sourceRestarts = sourceRestarts;
        joins = Histogram.builder().name("asfcast_point_join_seconds")
                .help("From a player's request to its stream starting (a held request counts its wait).")
                .labelNames("point", "protocol").classicOnly().withoutExemplars()
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
                .register(registry);
        Histogram passes = Histogram.builder().name("asfcast_event_loop_pass_seconds")
                .help("How long an event loop's delivery pass over a point's players took.")
                .classicOnly().withoutExemplars()
                .classicUpperBounds(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1)
                .register(registry);
        tally = new ServerTally(joins, passes);
        server.addObserver(tally);
        registerPointSeries();
        registerServerSeries();
    }

    /** The tally the metrics count from (the status API reads it too). */
    public ServerTally tally() {
        return tally;
    }

    /** The points' counts now, by path, every player listed: what a status answer is made of. */
    public Map<String, PointCounts> counts() {
        return counts(Integer.MAX_VALUE);
    }

    /** The points' counts now, by path, at most {@code listed} players of each listed (all counted). */
    public Map<String, PointCounts> counts(int listed) {
        Map<String, PointCounts> out = new LinkedHashMap<>();
        for (Map.Entry<String, PublishingPoint> e : server.points().entrySet()) {
            out.put(e.getKey(), PointCounts.of(e.getValue(), tally.point(e.getValue().name()), listed));
        }
        return out;
    }

    /** The text exposition of every metric, now. */
    public synchronized byte[] scrape() {
        now = counts(0); // the series count players, they list none
        for (String path : now.keySet()) {
            if (joinPoints.add(path)) {
                for (ClientProtocol p : ClientProtocol.values()) {
                    joins.initLabelValues(path, Protocols.name(p));
                }
            }
        }
        for (String gone : new TreeSet<>(joinPoints)) {
            if (!now.containsKey(gone)) {
                joinPoints.remove(gone);
                for (ClientProtocol p : ClientProtocol.values()) {
                    joins.remove(gone, Protocols.name(p));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            now = Map.of(); // nothing of a scrape is kept until the next
        }
        return out.toByteArray();
    }

    private void registerPointSeries() {
        GaugeWithCallback.builder().name("asfcast_point_players")
                .help("Players streaming from the point now.").labelNames("point", "protocol")
                .callback(cb -> now.forEach((path, c) -> c.players()
                        .forEach((p, n) -> cb.call(n, path, Protocols.name(p)))))
                .register(registry);
        CounterWithCallback.builder().name("asfcast_point_sent_bytes_total")
                .help("Bytes sent to the point's players (response heads included).").labelNames("point", "protocol")
                .callback(cb -> now.forEach((path, c) -> c.bytes()
                        .forEach((p, n) -> cb.call(rising("bytes " + path + " " + p, n), path, Protocols.name(p)))))
                .register(registry);
        CounterWithCallback.builder().name("asfcast_point_packets_skipped_total")
                .help("Packets the point's players missed because they were too slow.").labelNames("point", "protocol")
                .callback(cb -> now.forEach((path, c) -> c.skips()
                        .forEach((p, n) -> cb.call(rising("skips " + path + " " + p, n), path, Protocols.name(p)))))
                .register(registry);
        CounterWithCallback.builder().name("asfcast_point_players_dropped_total")
                .help("Players the server dropped, by why: slow, displaced, kicked, disconnect, close, error.")
                .labelNames("point", "reason")
                .callback(cb -> now.keySet().forEach(path -> {
                    PointTally t = tally.point(pointName(path));
                    for (DisconnectReason r : DROPS) {
                        cb.call(t.ends(r), path, r.name().toLowerCase(Locale.ROOT));
                    }
                }))
                .register(registry);
        CounterWithCallback.builder().name("asfcast_point_refusals_total")
                .help("Requests for the point answered with an error status, by status.").labelNames("point", "status")
                .callback(cb -> now.keySet().forEach(path -> {
                    Map<Integer, Long> seen = new java.util.TreeMap<>();
                    KNOWN_REFUSALS.forEach(s -> seen.put(s, 0L));
                    seen.putAll(tally.point(pointName(path)).refusals());
                    seen.forEach((status, n) -> cb.call(n, path, Integer.toString(status)));
                }))
                .register(registry);
        CounterWithCallback.builder().name("asfcast_point_source_restarts_total")
                .help("Times the point's source was started again after it had run.").labelNames("point")
                .callback(cb -> now.keySet().forEach(path -> cb.call(sourceRestarts.applyAsLong(path), path)))
                .register(registry);
    }

    private void registerServerSeries() {
        CounterWithCallback.builder().name("asfcast_accepted_connections_total")
                .help("Connections accepted on the players' port.")
                .callback(cb -> cb.call(server.acceptedConnections()))
                .register(registry);
        GaugeWithCallback.builder().name("asfcast_open_connections")
                .help("Connections open on the players' port now.")
                .callback(cb -> cb.call(server.openConnections()))
                .register(registry);
        CounterWithCallback.builder().name("asfcast_refusals_total")
                .help("Every request answered with an error status, by status, whether or not it named a point.")
                .labelNames("status")
                .callback(cb -> {
                    Map<Integer, Long> seen = new java.util.TreeMap<>();
                    KNOWN_REFUSALS.forEach(s -> seen.put(s, 0L));
                    seen.putAll(tally.refusals());
                    seen.forEach((status, n) -> cb.call(n, Integer.toString(status)));
                })
                .register(registry);
        GaugeWithCallback.builder().name("asfcast_allocator_used_bytes")
                .help("Memory Netty's pooled allocator holds (packets in rings and socket buffers), by kind.")
                .labelNames("memory")
                .callback(cb -> {
                    PooledByteBufAllocatorMetric m = PooledByteBufAllocator.DEFAULT.metric();
                    cb.call(m.usedDirectMemory(), "direct");
                    cb.call(m.usedHeapMemory(), "heap");
                })
                .register(registry);
    }

    private String pointName(String path) {
        PublishingPoint p = server.points().get(path);
        return p == null ? path : p.name();
    }

    private long rising(String key, long value) {
        return highest.merge(key, value, Math::max);
    }
}
