package org.asfcast.ops.accesslog;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.asfcast.netsink.ClientInfo;
import org.asfcast.netsink.DisconnectReason;
import org.asfcast.netsink.PlayerEvent;
import org.asfcast.netsink.PlayerReport;
import org.asfcast.netsink.Refusal;
import org.asfcast.netsink.ServerObserver;
import org.asfcast.netsink.wire.ClientProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: a {@link ServerObserver} that writes one W3C line in WMS's field order
 * ({@link AccessLogLine}) per player session when it ends, an interim line every
 * {@link AccessLogSettings#period()} while a session plays on (c-status {@value SessionLines#INTERIM},
 * its numbers so far), and one per refused request. A session's line has c-status 200 when the
 * player sent its own log ({@link PlayerLogReport}, merged by client id, else by player GUID, from
 * the same address), 408 when it did not. A player's log may come before or after its stream's
 * end: an MS-WMSP session that ends without one is kept {@link #REPORT_WAIT} for it (at most
 * {@link #MOST_WAITING} sessions), a plain-HTTP one (those never send one) is written at once.
 *
 * <p>Every observer call only queues the event (bounded; when full it is counted and dropped, with
 * a warning a minute at most) and returns: the access log's own thread keeps the sessions, makes
 * the lines and hands them to each file's {@link AccessLogWriter}.
 */
public final class AccessLog implements ServerObserver, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
    /** How long an MS-WMSP session that ended waits for its player's log. WMP posts it as it stops. */
    public static final Duration REPORT_WAIT = Duration.ofSeconds(5);
    /** The most ended sessions waiting for a log; past it the oldest is written as not reported. */
    public static final int MOST_WAITING = 10_000;
    private static final int QUEUE_EVENTS = 1 << 16;
    private static final long TICK_MILLIS = 250;

    /** Makes the writer of one file. */
    @FunctionalInterface
    public interface WriterFactory {
        AccessLogWriter open(Path file, long maxBytes);
    }

    /** The server's own name for its lines: s-ip and s-dns. */
    public record ServerName(String ip, String dns) {
    }

    private record Key(String point, long id) {
    }

    private record Started(PlayerEvent event) {
    }

    private record Ended(PlayerEvent event, DisconnectReason reason) {
    }

    private static final Object STOP = new Object();

    /** One session playing, or ended and waiting for its player's log. */
    private static final class Session {
        final PlayerEvent started;
        Instant lastLine;
        Optional<PlayerLogReport> report = Optional.empty();
        PlayerEvent ended;
        DisconnectReason reason;
        Instant endedAt;
        Instant waitUntil;

        Session(PlayerEvent started, Instant now) {
            this.started = started;
            this.lastLine = now;
        }

        String address() {
            return started.client().address().getHostAddress();
        }
    }

    /** Where lines go: each file's writer, by point. Replaced whole on reconfiguring. */
    private record Routes(AccessLogSettings settings, Map<Path, AccessLogWriter> writers) {
        Optional<AccessLogWriter> writerFor(String point) {
            return settings.fileFor(point).map(writers::get);
        }
    }

    private final ServerName name;
    private final Function<String, List<ClientInfo>> players;
    private final Clock clock;
    private final DoubleSupplier cpuLoad;
    private final WriterFactory factory;
    private final BlockingQueue<Object> events = new ArrayBlockingQueue<>(QUEUE_EVENTS);
    private final AtomicLong droppedEvents = new AtomicLong();
    private final AtomicLong lastDropWarning = new AtomicLong(Long.MIN_VALUE);
    private final Object lifecycle = new Object();
    private final Thread thread;
    private volatile Routes routes;
    private volatile boolean closed;

    // The access log thread's own.
    private final Map<Key, Session> live = new HashMap<>();
    private final ArrayDeque<Session> waiting = new ArrayDeque<>();
    private int cpuPercent = -1;
    private long cpuReadAt;
    private boolean cpuRead;
    private long lastSweep;

    /**
     * An access log writing as {@code settings} say, started.
     *
     * @param name    the server's address and name for s-ip and s-dns
     * @param players a point's players now, by its path (their bytes, for interim lines); empty for none
     */
    public AccessLog(AccessLogSettings settings, ServerName name, Function<String, List<ClientInfo>> players,
                     String software) {
        this(settings, name, players, Clock.systemUTC(), AccessLog::machineCpuLoad,
                (file, max) -> new AccessLogWriter(file, max, software));
    }

    /** As above, with the time, the CPU reading and the writers given (tests). */
    public AccessLog(AccessLogSettings settings, ServerName name, Function<String, List<ClientInfo>> players, Clock clock,
                     DoubleSupplier cpuLoad, WriterFactory factory) {
        this.name = Objects.requireNonNull(name, "name");
        this.players = Objects.requireNonNull(players, "players");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cpuLoad = Objects.requireNonNull(cpuLoad, "cpuLoad");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.routes = open(settings, Map.of());
        this.lastSweep = System.nanoTime();
        this.thread = new Thread(this::run, "access-log");
        thread.setDaemon(true);
        thread.start();
    }

    /** The settings in force. */
    public AccessLogSettings settings() {
        return routes.settings();
    }

    /**
     * Applies new settings (a reloaded config): a file named anew is opened, one no longer named is
     * closed after what it has queued; the sessions and their lines go on.
     */
    public void reconfigure(AccessLogSettings next) {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            Routes old = routes;
            Routes now = open(next, old.writers());
            routes = now;
            old.writers().forEach((file, writer) -> {
                if (now.writers().get(file) != writer) {
                    writer.close();
                }
            });
        }
    }

    /** The writers for {@code settings}, reusing those of {@code existing} with the same file and size cap. */
    private Routes open(AccessLogSettings settings, Map<Path, AccessLogWriter> existing) {
        Map<Path, AccessLogWriter> writers = new LinkedHashMap<>();
        List<Path> files = new java.util.ArrayList<>(settings.pointFiles().values());
        settings.file().ifPresent(files::add);
        for (Path f : files) {
            Path file = f.toAbsolutePath().normalize();
            if (writers.containsKey(file)) {
                continue;
            }
            AccessLogWriter w = existing.get(file);
            boolean same = w != null && settings.maxBytes() == routes.settings().maxBytes();
            writers.put(file, same ? w : factory.open(file, settings.maxBytes()));
        }
        Map<String, Path> pointFiles = new HashMap<>();
        settings.pointFiles().forEach((p, f) -> pointFiles.put(p, f.toAbsolutePath().normalize()));
        AccessLogSettings normal = new AccessLogSettings(settings.file().map(f -> f.toAbsolutePath().normalize()),
                pointFiles, settings.period(), settings.maxBytes());
        return new Routes(normal, writers);
    }

    /** Events dropped because the queue was full. */
    public long droppedEvents() {
        return droppedEvents.get();
    }

    @Override
    public void playerStarted(PlayerEvent event) {
        offer(new Started(event));
    }

    @Override
    public void playerEnded(PlayerEvent event, DisconnectReason reason) {
        offer(new Ended(event, reason));
    }

    @Override
    public void refused(Refusal refusal) {
        offer(refusal);
    }

    @Override
    public void playerReport(PlayerReport report) {
        offer(report);
    }

    private void offer(Object event) {
        if (closed || !events.offer(event)) {
            droppedEvents.incrementAndGet();
            long now = System.nanoTime();
            long last = lastDropWarning.get();
            if ((last == Long.MIN_VALUE || now - last >= TimeUnit.MINUTES.toNanos(1)) && lastDropWarning.compareAndSet(last, now)) {
                log.warn("access log: {} event(s) dropped so far: its queue of {} is full", droppedEvents.get(), QUEUE_EVENTS);
            }
        }
    }

    private void run() {
        try {
            while (true) {
                Object event = events.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                if (event == STOP) {
                    break;
                }
                try {
                    if (event != null) {
                        handle(event);
                    }
                    long now = System.nanoTime();
                    if (now - lastSweep >= TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS)) {
                        lastSweep = now;
                        sweep(clock.instant(), false);
                    }
                } catch (RuntimeException e) {
                    log.warn("access log: an event could not be logged: {}", e.toString(), e);
                }
            }
            sweep(clock.instant(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(Object event) {
        Instant now = clock.instant();
        if (event instanceof Started s) {
            PlayerEvent e = s.event();
            live.put(new Key(e.point(), e.client().id()), new Session(e, now));
        } else if (event instanceof Ended e) {
            ended(e.event(), e.reason(), now);
        } else if (event instanceof PlayerReport r) {
            reported(r, now);
        } else if (event instanceof Refusal r) {
            write(r.point(), SessionLines.refusal(r, facts()));
        }
    }

    private void ended(PlayerEvent event, DisconnectReason reason, Instant now) {
        Session s = live.remove(new Key(event.point(), event.client().id()));
        if (s == null) {
            s = new Session(event, now); // began before this log was attached
        }
        s.ended = event;
        s.reason = reason;
        s.endedAt = now;
        if (s.report.isPresent() || event.client().protocol() == ClientProtocol.PLAIN_HTTP) {
            finish(s);
            return;
        }
        s.waitUntil = now.plus(REPORT_WAIT);
        waiting.addLast(s);
        if (waiting.size() > MOST_WAITING) {
            finish(waiting.removeFirst());
        }
    }

    private void reported(PlayerReport report, Instant now) {
        Optional<PlayerLogReport> read = PlayerLogReport.of(report);
        if (read.isEmpty()) {
            return;
        }
        Session s = match(report);
        if (s == null) {
            log.debug("a player log from {} for {} matches no session; ignored", report.remote(), report.uri());
            return;
        }
        s.report = read;
        if (s.ended != null) {
            waiting.remove(s);
            finish(s);
        }
    }

    /** The session a report is for: same address, and its client id, else its GUID (the newest such session). */
    private Session match(PlayerReport report) {
        String address = report.remote().getAddress().getHostAddress();
        Session byGuid = null;
        for (Iterable<Session> group : List.<Iterable<Session>>of(waiting, live.values())) {
            for (Session s : group) {
                if (!s.address().equals(address)) {
                    continue;
                }
                if (report.clientId().isPresent() && report.clientId().getAsLong() == s.started.request().clientId()) {
                    return s;
                }
                if (report.playerGuid().isPresent() && report.playerGuid().equals(s.started.request().playerGuid())
                        && (byGuid == null || s.started.client().connectedSince().isAfter(byGuid.started.client().connectedSince()))) {
                    byGuid = s;
                }
            }
        }
        return byGuid;
    }

    /** Writes the ended session's line, as of its end (not of when its wait for a log ended). */
    private void finish(Session s) {
        int status = s.report.isPresent() ? SessionLines.REPORTED : SessionLines.UNREPORTED;
        write(s.started.point(), SessionLines.session(s.started, s.ended.client(), s.ended.packetsSent(), s.endedAt, status,
                SessionLines.reason(s.reason), s.report, facts()));
    }

    /** Writes what waited long enough (everything, when closing), and interim lines for long sessions. */
    private void sweep(Instant now, boolean all) {
        for (Iterator<Session> it = waiting.iterator(); it.hasNext(); ) {
            Session s = it.next();
            if (!all && s.waitUntil.isAfter(now)) {
                break;
            }
            it.remove();
            finish(s);
        }
        Duration period = routes.settings().period();
        if (all || period.isZero()) {
            return;
        }
        Map<String, Map<Long, ClientInfo>> byPoint = new HashMap<>();
        for (Session s : live.values()) {
            if (Duration.between(s.lastLine, now).compareTo(period) < 0) {
                continue;
            }
            String point = s.started.point();
            ClientInfo info = byPoint.computeIfAbsent(point, p -> index(players.apply(p))).get(s.started.client().id());
            if (info == null) {
                continue; // it is ending: its last line comes with its end
            }
            s.lastLine = now;
            write(point, SessionLines.session(s.started, info, -1, now, SessionLines.INTERIM, SessionLines.PLAYING,
                    Optional.empty(), facts()));
        }
    }

    private static Map<Long, ClientInfo> index(List<ClientInfo> clients) {
        Map<Long, ClientInfo> byId = new HashMap<>();
        for (ClientInfo c : clients) {
            byId.put(c.id(), c);
        }
        return byId;
    }

    private SessionLines.ServerFacts facts() {
        long now = System.nanoTime();
        if (!cpuRead || now - cpuReadAt >= TimeUnit.SECONDS.toNanos(1)) { // a second's reading serves every line in it
            double load = cpuLoad.getAsDouble();
            cpuPercent = load >= 0 ? (int) Math.round(Math.min(1, load) * 100) : -1;
            cpuRead = true;
            cpuReadAt = now;
        }
        return new SessionLines.ServerFacts(name.ip(), name.dns(), live.size(), cpuPercent);
    }

    private void write(String point, AccessLogLine line) {
        routes.writerFor(point).ifPresent(w -> w.append(line.format()));
    }

    /** The machine's CPU use, 0..1, or -1 where the JVM cannot tell. */
    private static double machineCpuLoad() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getCpuLoad();
        }
        return -1;
    }

    /**
     * Writes every session still waiting for its log (as not reported), then closes the files. Call
     * after the server has closed, so that its players' ends are in.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            try {
                events.put(STOP);
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closed = true;
            routes.writers().values().forEach(AccessLogWriter::close);
        }
    }
}
