package org.asfcast.ops.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.asfcast.netsink.PublishingPoint;
import org.asfcast.netsink.StreamingServer;
import org.asfcast.ops.metrics.PointCounts;
import org.asfcast.ops.metrics.RateMeter;
import org.asfcast.ops.metrics.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin listener's built-in routes: {@code GET /api/v1/status} ({@link StatusReport}),
 * {@code GET /metrics} ({@link ServerMetrics}), and the actions, each a POST that answers JSON
 * saying what it did and is logged with who asked:
 * <ul>
 *   <li>{@code /api/v1/points/{path}/players/{id}/kick}: drop one player;</li>
 *   <li>{@code /api/v1/points/{path}/disconnect}: drop every player, keep serving (the SDK's Disconnect);</li>
 *   <li>{@code /api/v1/points/{path}/close}: drop every player and stop the source (the SDK's Close);</li>
 *   <li>{@code /api/v1/points/{path}/start}, {@code /stop}: the point's source;</li>
 *   <li>{@code /api/v1/reload}: reload the config.</li>
 * </ul>
 * A point's path keeps its slashes ({@code /api/v1/points/radio/one/stop} is {@code /radio/one}'s).
 */
public final class AdminApi {

    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);
    private static final String JSON = "application/json";
    /** How often the outgoing byte totals are sampled for the bit rates. */
    static final long SAMPLE_MILLIS = 1000;

    private final StreamingServer server;
    private final AdminActions actions;
    private final ServerMetrics metrics;
    private final RateMeter rates = new RateMeter();
    private final ObjectMapper json = new ObjectMapper();
    private ScheduledFuture<?> sampler;
    // The readers that follow the clock (the status page's chart and events): each sample is handed
    // to them instead of each walking the players again. No sample is kept: beside thousands of
    // players one holds a record per player, and kept for the second until the next it would outlive
    // the young generation and fill the old one (a full collection every few seconds).
    private final List<java.util.function.Consumer<Sample>> afterSample = new java.util.concurrent.CopyOnWriteArrayList<>();
    // The most players per point a reader lists: the sample makes records for no more of them.
    private volatile int listed;

    AdminApi(StreamingServer server, AdminActions actions) {
        this.server = server;
        this.actions = actions;
        this.metrics = new ServerMetrics(server, path -> actions.sourceState(path).restarts());
    }

    /** The routes, in the order they are tried. */
    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.get("/api/v1/status", r -> json(200, status())),
                AdminRoute.get("/metrics", r -> AdminResponse.ok(ServerMetrics.CONTENT_TYPE, metrics.scrape())),
                AdminRoute.post("/api/v1/points/{path+}/players/{id}/kick", this::kick),
                AdminRoute.post("/api/v1/points/{path+}/disconnect", this::disconnect),
                AdminRoute.post("/api/v1/points/{path+}/close", this::close),
                AdminRoute.post("/api/v1/points/{path+}/start", r -> sourceAction(r, "start")),
                AdminRoute.post("/api/v1/points/{path+}/stop", r -> sourceAction(r, "stop")),
                AdminRoute.post("/api/v1/reload", this::reload));
    }

    /** The status now, every player listed. */
    public StatusReport status() {
        return status(Integer.MAX_VALUE);
    }

    /** The status now, at most {@code listed} players listed per point ({@code players} counts them all). */
    public StatusReport status(int listed) {
        return status(listed, metrics.counts(listed));
    }

    /** The status as {@code sample} found it, at most {@code listed} players listed per point. */
    public StatusReport status(int listed, Sample sample) {
        return status(listed, sample.counts());
    }

    /** A sample now, as the clock makes them: one walk of the players, as many listed as a reader lists. */
    public Sample sampleNow() {
        return new Sample(System.currentTimeMillis(), metrics.counts(listed));
    }

    /**
     * The points' counts as one walk of the players found them.
     *
     * @param atMillis when (ms since the epoch)
     * @param counts   by path, in the server's order; each point's first players listed, as many as
     *                 the most any reader {@linkplain #afterEachSample lists}
     */
    public record Sample(long atMillis, Map<String, PointCounts> counts) {
    }

    private StatusReport status(int listed, Map<String, PointCounts> counts) {
        Map<String, PublishingPoint> points = server.points();
        return StatusReport.of(actions.version(), Instant.now(), points, counts, metrics.tally(), rates, actions,
                server.acceptedConnections(), server.openConnections(), listed);
    }

    /**
     * Hands {@code reader} each sample as it is made, on the sampler's thread (it must return at
     * once: hand the work to a thread of its own, and let go of the sample when done).
     *
     * @param listed how many players of each point the reader lists (the sample makes a record for
     *               the first so many, and counts the others without one)
     */
    public synchronized void afterEachSample(int listed, java.util.function.Consumer<Sample> reader) {
        this.listed = Math.max(this.listed, Math.max(0, listed));
        afterSample.add(reader);
    }

    /** The metrics (for a route that shows them some other way). */
    public ServerMetrics metrics() {
        return metrics;
    }

    /** Starts sampling the bit rates on {@code loop}. */
    void start(EventLoop loop) {
        sampler = loop.scheduleAtFixedRate(this::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (sampler != null) {
            sampler.cancel(false);
            sampler = null;
        }
    }

    /** Samples each point's byte total and the server's (key {@code ""}). */
    void sample() {
        long now = System.nanoTime();
        long total = 0;
        Map<String, PointCounts> counts = metrics.counts(listed);
        for (Map.Entry<String, PointCounts> e : counts.entrySet()) {
            long bytes = e.getValue().totalBytes();
            rates.sample(e.getKey(), bytes, now);
            total += bytes;
        }
        rates.sample("", total, now);
        Sample sample = new Sample(System.currentTimeMillis(), counts);
        Set<String> keep = new java.util.HashSet<>(counts.keySet());
        keep.add("");
        rates.retain(keep);
        for (java.util.function.Consumer<Sample> reader : afterSample) {
            try {
                reader.accept(sample);
            } catch (RuntimeException e) {
                log.warn("admin: a reader of the bit rate sample failed: {}", e.toString(), e);
            }
        }
    }

    private AdminResponse kick(AdminRequest r) {
        Optional<PublishingPoint> point = point(r);
        if (point.isEmpty()) {
            return noPoint(r);
        }
        long id;
        try {
            id = Long.parseLong(r.param("id"));
        } catch (NumberFormatException e) {
            return AdminResponse.sentence(404, "There is no player " + r.param("id") + " on " + r.param("path")
                    + ": a player's id is a number (see /api/v1/status).");
        }
        if (!point.get().kick(id)) {
            return AdminResponse.sentence(404, "There is no player " + id + " on " + r.param("path")
                    + " (it may have left already).");
        }
        return done(r, "kick", ActionOutcome.done("dropped player " + id + " of " + r.param("path")));
    }

    private AdminResponse disconnect(AdminRequest r) {
        Optional<PublishingPoint> point = point(r);
        if (point.isEmpty()) {
            return noPoint(r);
        }
        int n = point.get().clientCount();
        point.get().disconnect();
        return done(r, "disconnect", ActionOutcome.done("dropped " + n + " player" + (n == 1 ? "" : "s") + " of "
                + r.param("path") + "; it goes on serving"));
    }

    private AdminResponse close(AdminRequest r) {
        Optional<PublishingPoint> point = point(r);
        if (point.isEmpty()) {
            return noPoint(r);
        }
        // The source first, so that nobody joins the stream being closed in the moment between.
        ActionOutcome stopped = actions.stopSource(r.param("path"));
        int n = point.get().clientCount();
        point.get().disconnect();
        return done(r, "close", new ActionOutcome(true, "dropped " + n + " player" + (n == 1 ? "" : "s") + " of "
                + r.param("path") + "; " + stopped.what()));
    }

    private AdminResponse sourceAction(AdminRequest r, String action) {
        if (point(r).isEmpty()) {
            return noPoint(r);
        }
        String path = r.param("path");
        return done(r, action, action.equals("start") ? actions.startSource(path) : actions.stopSource(path));
    }

    private AdminResponse reload(AdminRequest r) {
        return done(r, "reload", actions.reloadConfig());
    }

    private Optional<PublishingPoint> point(AdminRequest r) {
        String path = r.param("path");
        String normal = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return Optional.ofNullable(server.points().get(normal));
    }

    private static AdminResponse noPoint(AdminRequest r) {
        return AdminResponse.sentence(404, "There is no point at " + r.param("path") + " (see /api/v1/status).");
    }

    /** What an action answers: 200 when done, 409 when it could not; logged with who asked. */
    private AdminResponse done(AdminRequest r, String action, ActionOutcome outcome) {
        String point = r.params().getOrDefault("path", "");
        log.info("admin: {} asked to {}{}: {}{}", r.who(), action, point.isEmpty() ? "" : " " + point,
                outcome.done() ? "" : "not done, ", outcome.what());
        return json(outcome.done() ? 200 : 409, new ActionAnswer(action, point, outcome.done(), outcome.what()));
    }

    /** The body of an action's answer. */
    record ActionAnswer(String action, String point, boolean done, String what) {
    }

    private AdminResponse json(int status, Object body) {
        return AdminResponse.written(status, JSON, out -> json.writeValue(out, body));
    }
}
