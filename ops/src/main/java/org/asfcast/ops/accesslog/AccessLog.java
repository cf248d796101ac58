package org.asfcast.ops.accesslog;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
        /** A started writer of {@code file}, rotated past {@code maxBytes} (0: by day only). */
        AccessLogWriter open(Path file, long maxBytes);
    }

    /** The server's own name for its lines: s-ip and s-dns. */
    public record ServerName(String ip, String dns) {
    }

    private record Started(PlayerEvent event) {
    }

    private record Ended(PlayerEvent event, DisconnectReason reason) {
    }

    private record Reconfigure(AccessLogSettings settings) {
    }

    private static final Object STOP = new Object();

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
    private volatile AccessLogSettings settings;
    private volatile AccessLogFiles files; // replaced on the access log's thread, in the events' order
    private volatile boolean closed;

    // The access log thread's own.
    private final SessionTable sessions = new SessionTable(REPORT_WAIT, MOST_WAITING);
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
        this.settings = Objects.requireNonNull(settings, "settings");
        this.files = AccessLogFiles.open(settings, factory);
        this.lastSweep = System.nanoTime();
        this.thread = new Thread(this::run, "access-log");
        thread.setDaemon(true);
        thread.start();
    }

    /** The settings in force. */
    public AccessLogSettings settings() {
        return settings;
    }

    /**
     * Applies new settings (a reloaded config): a file named anew is opened, one no longer named is
     * closed after what it has queued; the sessions and their lines go on. Queued behind the events
     * already reported, so what happened before the reload is written where the old settings said.
     * Call from a thread that may wait a moment (not a network thread).
     */
    public void reconfigure(AccessLogSettings next) {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            settings = Objects.requireNonNull(next, "next");
            try {
                events.put(new Reconfigure(next));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
            sessions.started(s.event(), now);
        } else if (event instanceof Ended e) {
            sessions.ended(e.event(), e.reason(), now).forEach(this::finish);
        } else if (event instanceof PlayerReport r) {
            reported(r);
        } else if (event instanceof Refusal r) {
            write(r.point(), SessionLines.refusal(r, facts()));
        } else if (event instanceof Reconfigure r) {
            AccessLogFiles old = files;
            files = old.next(r.settings(), factory);
            old.closeAllBut(files);
        }
    }

    private void reported(PlayerReport report) {
        Optional<PlayerLogReport> read = PlayerLogReport.of(report);
        if (read.isEmpty()) {
            return;
        }
        if (!sessions.matches(report)) {
            log.debug("a player log from {} for {} matches no session; ignored", report.remote(), report.uri());
            return;
        }
        sessions.reported(report, read.get()).ifPresent(this::finish);
    }

    /** Writes the ended session's line, as of its end (not of when its wait for a log ended). */
    private void finish(SessionTable.Session s) {
        int status = s.report.isPresent() ? SessionLines.REPORTED : SessionLines.UNREPORTED;
        write(s.started.point(), SessionLines.session(s.started, s.ended.client(), s.ended.packetsSent(), s.endedAt, status,
                SessionLines.reason(s.reason), s.report, facts()));
    }

    /** Writes what waited long enough (everything, when closing), and interim lines for long sessions. */
    private void sweep(Instant now, boolean all) {
        sessions.due(now, all).forEach(this::finish);
        Duration period = files.settings().period();
        if (all || period.isZero()) {
            return;
        }
        Map<String, Map<Long, ClientInfo>> byPoint = new HashMap<>();
        // Four times a second beside thousands of players: only those due are looked at.
        for (SessionTable.Session s : sessions.lastLineBefore(now.minus(period).plusNanos(1))) {
            String point = s.started.point();
            ClientInfo info = byPoint.computeIfAbsent(point, p -> index(players.apply(p))).get(s.started.client().id());
            if (info == null) {
                continue; // it is ending: its last line comes with its end
            }
            sessions.lineWritten(s, now);
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
        return new SessionLines.ServerFacts(name.ip(), name.dns(), sessions.playing().size(), cpuPercent);
    }

    private void write(String point, AccessLogLine line) {
        files.writerFor(point).ifPresent(w -> w.append(line.format()));
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
            files.close();
        }
    }
}
