package org.asfcast.ops.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.asfcast.netsink.DisconnectReason;
import org.asfcast.netsink.PlayerEvent;
import org.asfcast.netsink.Refusal;
import org.asfcast.netsink.ServerObserver;

/**
 * The operator's counts, kept from a server's {@link ServerObserver} events: per point, what its
 * ended sessions sent and skipped, how they ended, its peak, its refusals; server-wide, every
 * refusal (a request for no point too) and each player's join time. One map look-up and a few
 * adds per session start, end or refusal; never per packet.
 */
public final class ServerTally implements ServerObserver {

    private final Instant startedAt = Instant.now();
    private final Map<String, PointTally> points = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> refusals = new ConcurrentHashMap<>();
    private final Histogram joins;
    private final Histogram passes;

    /**
     * A tally that records join times into {@code joins} (labelled point, protocol) and delivery
     * pass times into {@code passes} (no labels), both in seconds.
     */
    public ServerTally(Histogram joins, Histogram passes) {
        this.joins = joins;
        this.passes = passes;
    }

    @Override
    public void playerStarted(PlayerEvent event) {
        point(event.point()).started();
        joins.labelValues(event.point(), Protocols.name(event.client().protocol()))
                .observe(event.joinTime().toNanos() / 1e9);
    }

    @Override
    public void playerEnded(PlayerEvent event, DisconnectReason reason) {
        point(event.point()).ended(event.client(), reason);
    }

    @Override
    public void refused(Refusal refusal) {
        refusals.computeIfAbsent(refusal.status(), s -> new LongAdder()).increment();
        if (!refusal.point().isEmpty()) {
            point(refusal.point()).refused(refusal.status());
        }
    }

    @Override
    public void deliveryPass(long nanos, int players) {
        passes.observe(nanos / 1e9);
    }

    /** The tally of the point with this path (an empty one for a point that has seen nothing). */
    public PointTally point(String path) {
        return points.computeIfAbsent(path, p -> new PointTally());
    }

    /** Forgets a point that is no longer published. */
    public void forget(String path) {
        points.remove(path);
    }

    /** Every refusal, by status, whether or not the request named a point. */
    public Map<Integer, Long> refusals() {
        Map<Integer, Long> out = new TreeMap<>();
        refusals.forEach((status, n) -> out.put(status, n.sum()));
        return out;
    }

    /** When counting began (the admin side's start: the server's, in {@code asfcast server}). */
    public Instant startedAt() {
        return startedAt;
    }
}
