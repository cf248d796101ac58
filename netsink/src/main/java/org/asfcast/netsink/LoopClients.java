package org.asfcast.netsink;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming clients owned by one event loop. With a delivery interval, the loop serves its
 * clients on a timer of that period, when packets arrived since the last pass: each client gets
 * them in one write, and the writer only raises a flag (no task, no wake-up of a sleeping loop: a
 * cross-thread wake-up is a system call and lets the scheduler switch the writer out). With no
 * interval, the first new packet queues one pass at once. The set is touched only on its loop.
 *
 * <p>The loop's clients read the broadcast from the loop's own {@link PacketWindow}, brought up to
 * date from the ring once per pass (and when a client joins), so a pass takes the ring's lock once
 * whatever the number of clients. With no client left, the window lets go of its packets. Clients
 * that selected some streams read the loop's copy of their selection's window instead, kept the
 * same way while a client of that selection is on the loop ({@link #join}, {@link #leave}).
 *
 * <p>A pass serves {@value #SLICE} clients at a time and lets the loop handle its sockets' events
 * between slices (the next slice is scheduled, not queued, so it runs after the loop's next look
 * at its sockets): with thousands of clients a pass takes a good part of the interval, and a loop
 * that ignored writability, new requests and closes for that long fell behind near saturation
 * (docs/benchmarks.md). A wake-up during a pass starts another pass right after it. A pass that
 * takes over a second (the machine is out of CPU: its last players waited that long for data) is
 * logged as a warning, at most every 10 s per loop.
 */
final class LoopClients {

    private final EventLoop loop;
    private final long intervalNanos;
    private final BroadcastRing ring;
    private final PacketWindow window = new PacketWindow();
    private final Map<StreamSelection, PacketWindow> selectionWindows = new HashMap<>();
    private final Map<StreamSelection, Integer> selectionUsers = new HashMap<>();
    private final Set<ClientSession> sessions = new LinkedHashSet<>();
    private ClientSession[] pass = new ClientSession[16];
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final Runnable pumpAll = this::pumpAll;
    private volatile boolean pending;
    private final ScheduledFuture<?> ticks; // null without a delivery interval

    /** Clients served in one go before the loop looks at its sockets again. */
    static final int SLICE = 256;
    private static final Logger log = LoggerFactory.getLogger(LoopClients.class);
    private static final long SLOW_PASS_NANOS = 1_000_000_000L;
    private static final long SLOW_PASS_WARNING_EVERY_NANOS = 10_000_000_000L;
    private long lastSlowPassWarning = Long.MIN_VALUE / 2;
    private final Runnable nextSlice = () -> serveSlice(true);
    private final java.util.function.Supplier<ServerObserver> observer;
    private int passSize;
    private int passNext;     // a pass is under way while passNext < passSize
    private long passNow;
    private boolean passAgain;

    LoopClients(EventLoop loop, long intervalNanos, BroadcastRing ring) {
        this(loop, intervalNanos, ring, () -> ServerObserver.NONE);
    }

    /** With {@code observer}: who hears how long each delivery pass took (the operator's metrics). */
    LoopClients(EventLoop loop, long intervalNanos, BroadcastRing ring,
                java.util.function.Supplier<ServerObserver> observer) {
        this.observer = observer;
        this.loop = loop;
        this.intervalNanos = intervalNanos;
        this.ring = ring;
        ticks = intervalNanos > 0
                ? loop.scheduleAtFixedRate(this::tick, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS) : null;
    }

    /**
     * The point leaves the loop: no more passes, and the loop's copy of the ring is let go. On the
     * loop, or once the loop has stopped.
     */
    void stop() {
        if (ticks != null) {
            ticks.cancel(false);
        }
        releaseWindow();
    }

    EventLoop loop() {
        return loop;
    }

    void add(ClientSession session) {
        sessions.add(session);
    }

    /** The loop's copy of the ring as of the last pass or join; only on the loop. */
    PacketWindow window() {
        return window;
    }

    /** Brings the loop's copy of the ring up to date and returns it; only on the loop. */
    PacketWindow currentWindow() {
        ring.copyNewInto(window);
        return window;
    }

    /** The loop's copy of {@code selection}'s window (null: the ring's), as of the last pass or join; only on the loop. */
    PacketWindow window(StreamSelection selection) {
        return selection == null ? window : selectionWindows.getOrDefault(selection, window);
    }

    /** As {@link #currentWindow()} for {@code selection} (null: the ring's); only on the loop. */
    PacketWindow currentWindow(StreamSelection selection) {
        PacketWindow w = selection == null ? null : selectionWindows.get(selection);
        if (w == null) {
            return currentWindow();
        }
        ring.copyNewInto(selection, w);
        return w;
    }

    /**
     * A client of {@code selection} (null: every stream, nothing to do) starts on this loop: the
     * first one makes the loop ask the ring for the selection's copies. Only on the loop.
     */
    void join(StreamSelection selection, BroadcastHeader header) {
        if (selection != null && selectionUsers.merge(selection, 1, Integer::sum) == 1) {
            ring.acquire(selection, header);
            selectionWindows.put(selection, new PacketWindow());
        }
    }

    /** A client of {@code selection} leaves; with the last one, the loop lets go of its copies. Only on the loop. */
    void leave(StreamSelection selection) {
        Integer users = selection == null ? null : selectionUsers.get(selection);
        if (users == null) {
            return; // every stream, or the loop let go of everything already
        }
        if (users > 1) {
            selectionUsers.put(selection, users - 1);
            return;
        }
        selectionUsers.remove(selection);
        selectionWindows.remove(selection).clear();
        ring.release(selection);
    }

    /**
     * Lets go of the loop's copy of the ring and of its selections: on the loop, or once the loop
     * has stopped (the sink does this on close, so that no packet outlives it).
     */
    void releaseWindow() {
        window.clear();
        for (Map.Entry<StreamSelection, PacketWindow> e : selectionWindows.entrySet()) {
            e.getValue().clear();
            ring.release(e.getKey());
        }
        selectionWindows.clear();
        selectionUsers.clear();
    }

    void remove(ClientSession session) {
        sessions.remove(session);
    }

    /** From any thread: let every client on this loop take what is new in the ring. */
    void wake() {
        if (intervalNanos > 0) {
            if (!pending) {
                pending = true; // the next tick serves it
            }
        } else if (wakeQueued.compareAndSet(false, true)) {
            loop.execute(pumpAll);
        }
    }

    private void tick() {
        if (pending) {
            pending = false;
            pumpAll();
        }
    }

    /** From any thread: run {@code action} on each client of this loop, on the loop. */
    void forEach(Consumer<ClientSession> action) {
        loop.execute(() -> {
            for (ClientSession s : new ArrayList<>(sessions)) {
                action.accept(s);
            }
        });
    }

    /** A snapshot of the sessions, taken on the loop. */
    List<ClientSession> snapshot() {
        return new ArrayList<>(sessions);
    }

    /** Runs a whole pass now, every slice (for tests and benchmarks driving the loop themselves). */
    void pumpAllNow() {
        pumpAll(false);
        while (passNext < passSize) {
            serveSlice(false);
        }
    }

    private void pumpAll() {
        pumpAll(true);
    }

    private void pumpAll(boolean schedule) {
        wakeQueued.set(false);
        if (passNext < passSize) {
            passAgain = true;
            return;
        }
        if (sessions.isEmpty()) {
            window.clear();
            return;
        }
        ring.copyNewInto(window);
        for (Map.Entry<StreamSelection, PacketWindow> e : selectionWindows.entrySet()) {
            ring.copyNewInto(e.getKey(), e.getValue());
        }
        // Sessions may leave during the pass; iterate over a reused array, not a fresh copy.
        pass = sessions.toArray(pass);
        passSize = sessions.size();
        passNext = 0;
        passNow = System.nanoTime();
        serveSlice(schedule);
    }

    /** Serves the next slice of the pass; with {@code schedule}, schedules the one after it. */
    private void serveSlice(boolean schedule) {
        int end = Math.min(passSize, passNext + SLICE);
        while (passNext < end) {
            ClientSession s = pass[passNext];
            pass[passNext++] = null;
            s.pump(passNow);
        }
        if (passNext < passSize) {
            if (schedule) {
                loop.schedule(nextSlice, 0, TimeUnit.NANOSECONDS);
            }
            return;
        }
        long now = System.nanoTime();
        ServerObserver o = observer.get();
        if (o.watching()) {
            o.deliveryPass(now - passNow, passSize); // once per pass, never per packet
        }
        if (now - passNow > SLOW_PASS_NANOS && now - lastSlowPassWarning > SLOW_PASS_WARNING_EVERY_NANOS) {
            lastSlowPassWarning = now;
            log.warn("a delivery pass over {} players took {} ms: the last of them waited that long for data "
                    + "(the machine is short of CPU for this many players)", passSize, (now - passNow) / 1_000_000);
        }
        if (passAgain) {
            passAgain = false;
            pumpAll(schedule);
        }
    }
}
