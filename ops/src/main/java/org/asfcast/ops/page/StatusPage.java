package org.asfcast.ops.page;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.asfcast.ops.admin.AdminApi;
import org.asfcast.ops.admin.AdminRequest;
import org.asfcast.ops.admin.AdminResponse;
import org.asfcast.ops.admin.AdminRoute;
import org.asfcast.ops.admin.AdminServer;
import org.asfcast.ops.metrics.PointCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live status page of the admin listener: its files ({@code GET /}), the bit rate history
 * ({@code GET /api/v1/history}) and the event stream ({@code GET /api/v1/events}). A clock thread
 * of its own reads every point's bytes out once a second into the {@link BitrateHistory} (whether
 * or not a page is open, so a page opened late shows the last ten minutes), and while pages are
 * open it makes that second's {@code status} event (the status document) and {@code sample} event
 * (the history's newest rates) once, for all of them ({@link StatusEvents}).
 *
 * <p>Why a stream over {@code fetch()} rather than {@code EventSource} with a ticket: the page
 * sends the admin token as a Bearer header on every call, the stream included, so there is one
 * way in, no ticket store, and no credential in any URL.
 */
public final class StatusPage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusPage.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT_STREAM = "text/event-stream; charset=utf-8";

    private final Supplier<Map<String, Long>> bytesOutByPath;
    private final Supplier<?> status;
    private final BitrateHistory history;
    private final StatusEvents events;
    private final PageAssets assets = new PageAssets();
    private ScheduledExecutorService clock;
    // Served on an admin listener: what one of its samples says (the page ticks after each of them
    // instead of on a timer of its own). Null for a page made by hand.
    private java.util.function.Function<AdminApi.Sample, Reading> reads;
    private Supplier<AdminApi.Sample> sampleNow;

    /**
     * A page over the server's counters.
     *
     * @param bytesOutByPath each published point's bytes out since it was published, by path, in
     *                       the order to show them (called on the clock thread once a second)
     * @param status         the status document, as {@code GET /api/v1/status} answers it (a value
     *                       written as JSON)
     * @param pageLimit      how many pages may follow the events at once
     */
    public StatusPage(Supplier<Map<String, Long>> bytesOutByPath, Supplier<?> status, int pageLimit) {
        this(bytesOutByPath, status, new BitrateHistory(), new StatusEvents(pageLimit));
    }

    /**
     * The most players of a point the page lists (the first to arrive), and so the most its events
     * carry: beside 5,000 players the whole status is a megabyte a second per open page, for a table
     * nobody reads past its first screens; {@code players} still counts them all.
     */
    static final int LISTED_PLAYERS = 500;

    StatusPage(Supplier<Map<String, Long>> bytesOutByPath, Supplier<?> status, BitrateHistory history,
               StatusEvents events) {
        this.bytesOutByPath = bytesOutByPath;
        this.status = status;
        this.history = history;
        this.events = events;
    }

    /**
     * The status page of {@code admin}'s server, its routes added to {@code admin} (the page's
     * files openly, the history and the events behind the credential); {@link #start} it with the
     * listener.
     */
    public static StatusPage serve(AdminServer admin) {
        AdminApi api = admin.api();
        // Both from the admin API's once-a-second sample: the players are walked once a second
        // for the rate meter, the chart and the events together (docs/benchmarks.md, the operator side).
        StatusPage page = new StatusPage(() -> bytesOut(api.metrics().counts()),
                () -> api.status(LISTED_PLAYERS),
                StatusEvents.DEFAULT_LIMIT);
        page.reads = sample -> new Reading(sample.atMillis(), bytesOut(sample.counts()),
                () -> api.status(LISTED_PLAYERS, sample));
        page.sampleNow = api::sampleNow;
        api.afterEachSample(LISTED_PLAYERS, page::tickSoon);
        page.openRoutes().forEach(admin::routeOpenly);
        page.routes().forEach(admin::route);
        return page;
    }

    private static Map<String, Long> bytesOut(Map<String, PointCounts> counts) {
        Map<String, Long> bytes = new TreeMap<>(); // path order, as the status lists the points
        counts.forEach((path, c) -> bytes.put(path, c.totalBytes()));
        return bytes;
    }

    /**
     * Starts the clock, unless it runs: a page {@linkplain #serve served} on an admin listener ticks
     * after each of the listener's bit-rate samples (once a second while it listens), one made by
     * hand ticks now and every second after.
     */
    public synchronized void start() {
        if (clock != null) {
            return;
        }
        clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "asfcast-status-page");
            t.setDaemon(true);
            return t;
        });
        if (reads == null) {
            clock.scheduleAtFixedRate(() -> tick(System.currentTimeMillis()), 0, 1, TimeUnit.SECONDS);
        } else {
            clock.execute(() -> tick(() -> reads.apply(sampleNow.get()))); // now, not at the next sample
        }
    }

    /** A sample was taken: this second's tick, on the page's own thread (not the sampler's). */
    private synchronized void tickSoon(AdminApi.Sample sample) {
        if (clock != null) {
            try {
                clock.execute(() -> tick(() -> reads.apply(sample)));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopping: the listener closes
            }
        }
    }

    /**
     * Stops the clock, when the listener closes (its connections, the streams among them, close with
     * it); the history is kept for a {@link #start} again.
     */
    public synchronized void stop() {
        if (clock != null) {
            clock.shutdownNow();
            clock = null;
        }
    }

    /** The routes that need the admin credential: the history and the event stream. */
    public List<AdminRoute> routes() {
        return List.of(AdminRoute.get("/api/v1/history", r -> AdminResponse.ok("application/json",
                        json(history.snapshot()).getBytes(StandardCharsets.UTF_8))),
                AdminRoute.get("/api/v1/events", this::events));
    }

    /**
     * The routes answered without a credential: the page's own files, which hold no data (the page
     * asks for the token and sends it with every call).
     */
    public List<AdminRoute> openRoutes() {
        List<AdminRoute> routes = new ArrayList<>();
        for (String path : assets.paths()) {
            routes.add(AdminRoute.get(path, r -> assets.answer(path).orElseThrow()));
        }
        return routes;
    }

    /** The history the chart is drawn from. */
    public BitrateHistory history() {
        return history;
    }

    /** The open pages' streams. */
    public StatusEvents events() {
        return events;
    }

    /** One second: a sample of every point, and that second's events for the open pages. */
    void tick(long nowMillis) {
        tick(() -> new Reading(nowMillis, bytesOutByPath.get(), status));
    }

    private void tick(Supplier<Reading> reading) {
        try {
            Reading now = reading.get();
            history.sample(now.bytesOutByPath(), now.atMillis());
            if (events.pages() > 0) {
                events.publish(second(now.status()));
            }
        } catch (RuntimeException e) {
            // Thrown out of the clock's task, it would end the schedule: the page would freeze.
            log.warn("status page: this second's sample failed: {}", e.toString(), e);
        }
    }

    private AdminResponse events(AdminRequest request) {
        if (!events.reserve()) {
            return AdminResponse.sentence(503, events.limit() + " status pages follow the events already, the most"
                    + " allowed at once; close one, or try again later.").withHeader("Retry-After", "10");
        }
        return AdminResponse.streamed(EVENT_STREAM, channel -> events.open(channel, thisSecond()))
                .withHeader("X-Accel-Buffering", "no");
    }

    private Map<String, EventData> thisSecond() {
        return second(status);
    }

    private Map<String, EventData> second(Supplier<?> status) {
        Map<String, EventData> second = new LinkedHashMap<>();
        second.put("status", EventData.json(JSON, status.get()));
        second.put("sample", EventData.json(JSON, history.newest()));
        return second;
    }

    /** Each point's bytes out at one moment, and the status of that moment (made only if a page follows). */
    private record Reading(long atMillis, Map<String, Long> bytesOutByPath, Supplier<?> status) {
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the status page's own records always write as JSON", e);
        }
    }

    /** Stops the clock and ends every page's stream, for good. */
    @Override
    public void close() {
        stop();
        events.close();
    }
}
