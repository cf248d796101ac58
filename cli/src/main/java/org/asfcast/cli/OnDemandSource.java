package org.asfcast.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.netsink.BroadcastPoint;
import org.asfcast.writer.Source;
import org.asfcast.writer.WriterSink;

/**
 * A point's source that runs only while players want it (WMS's "start when the first player
 * connects"): it waits for the point's demand signal, runs a fresh source made for that start,
 * stops it once the point has had no player for the idle-stop time, and waits again, until
 * {@link #stop()}. The point holds the first players until the new source's header arrives
 * ({@link org.asfcast.netsink.PointSettings#startWait()}), so they play instead of being refused.
 *
 * <p>The point is ended through {@link BroadcastPoint#endIfIdle()} before the source stops, so a
 * player that arrives while it stops waits for the next start rather than joining a stream about
 * to end; the stopped source's own {@code onEndWriting} then changes nothing.
 */
final class OnDemandSource implements Source {

    /** Makes the source for one start: sources are one-shot. */
    @FunctionalInterface
    interface Factory {
        Source make() throws IOException, AsfFormatException;
    }

    /** How often the idle time is looked at while the source runs. */
    private static final long LOOK_EVERY_MS = 200;
    /** The least time between two starts, so a source that fails at once is not restarted in a spin. */
    private static final long RESTART_PAUSE_MS = 1000;

    private final BroadcastPoint point;
    private final Factory factory;
    private volatile Duration idleStop;
    private final Consumer<String> notices;
    private final Object signal = new Object();
    private final String description;
    private volatile Source next; // made ahead: the first at construction, so a bad source is reported before serving
    private volatile Source current;
    private volatile boolean stopped;

    /**
     * Makes the first source at once (so a missing file is reported before the port opens) and
     * registers for the point's demand signal.
     *
     * @param point    the point the sources feed (the sinks given to {@link #run} should include it)
     * @param factory  makes a new source for each start
     * @param idleStop how long the point may have no player before its source stops
     * @param notices  gets one line (no newline) per start, idle stop and failure, for the command's output
     * @throws IOException        when the first source cannot be made
     * @throws AsfFormatException when the first source's input is not valid ASF
     */
    OnDemandSource(BroadcastPoint point, Factory factory, Duration idleStop, Consumer<String> notices)
            throws IOException, AsfFormatException {
        this.point = Objects.requireNonNull(point, "point");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.idleStop = Objects.requireNonNull(idleStop, "idleStop");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.next = factory.make();
        this.description = "on demand, stopped after " + seconds(idleStop) + " without players: " + next.describe();
        point.onDemand(this::wake);
    }

    /**
     * Starts a source each time a player waits for the point, until {@link #stop()}; the sinks
     * get {@code onEndWriting} before this returns. A source that fails or ends is reported in a
     * notice; the next player starts a new one.
     */
    @Override
    public void run(List<WriterSink> sinks) throws IOException, InterruptedException {
        try {
            while (awaitDemand()) {
                long startedAt = System.nanoTime();
                Source source = make();
                if (source != null && !stopped) {
                    notices.accept("a player is waiting: started " + source.describe());
                    if (runUntilIdle(source, sinks)) {
                        notices.accept("no player for " + seconds(idleStop) + ": stopped " + source.describe());
                        continue;
                    }
                }
                pauseAfter(startedAt);
            }
        } finally {
            Source s = current;
            if (s != null) {
                s.stop();
            }
            for (WriterSink sink : sinks) {
                sink.onEndWriting(); // a source that never ran gave none
            }
        }
    }

    /** The source of the start under way, empty while it waits for a player. */
    java.util.Optional<Source> current() {
        return java.util.Optional.ofNullable(current);
    }

    /** From any thread: stops the running source, if any, and ends {@link #run}. Final. */
    @Override
    public void stop() {
        stopped = true;
        Source s = current;
        if (s != null) {
            s.stop();
        }
        wake();
    }

    /**
     * From any thread: a new idle-stop time (a reload), in force from the next look at the idle
     * time; a running source keeps running. The description keeps the time given at construction.
     */
    void idleStop(Duration next) {
        idleStop = Objects.requireNonNull(next, "idleStop");
    }

    /** What each start broadcasts (as the first source made says), and when it stops. */
    @Override
    public String describe() {
        return description;
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Waits until a request waits for the point; false once stopped. */
    private boolean awaitDemand() throws InterruptedException {
        synchronized (signal) {
            while (!stopped && point.waitingRequests() == 0) {
                signal.wait(1000); // the signal wakes it; the timeout only bounds a missed one
            }
        }
        return !stopped;
    }

    private Source make() {
        Source s = next;
        next = null;
        if (s != null) {
            return s;
        }
        try {
            return factory.make();
        } catch (IOException | AsfFormatException | RuntimeException e) {
            notices.accept("a player is waiting, but the source cannot start: " + message(e));
            return null;
        }
    }

    /**
     * Runs {@code source} on a thread of its own until it ends or the point has been idle for
     * {@link #idleStop}. Returns true when it was stopped as idle, false when it ended by itself
     * (or {@link #stop()} was called).
     */
    private boolean runUntilIdle(Source source, List<WriterSink> sinks) throws InterruptedException {
        SourceRun run = new SourceRun(source, sinks);
        current = source;
        try {
            run.thread.start();
            long idleSince = -1;
            while (run.thread.isAlive()) {
                run.thread.join(LOOK_EVERY_MS);
                if (stopped || !run.thread.isAlive()) {
                    continue;
                }
                long now = System.nanoTime();
                if (point.clientCount() > 0 || point.waitingRequests() > 0) {
                    idleSince = -1;
                } else if (idleSince < 0) {
                    idleSince = now;
                } else if (now - idleSince >= idleStop.toNanos() && point.endIfIdle()) {
                    source.stop();
                    run.thread.join();
                    run.report(false);
                    return true;
                }
            }
            run.report(!stopped);
            return false;
        } finally {
            if (run.thread.isAlive()) {
                source.stop();
                run.thread.join(5000);
            }
            current = null;
        }
    }

    /** After a start that ended by itself, waits out the rest of {@link #RESTART_PAUSE_MS}. */
    private void pauseAfter(long startedAt) throws InterruptedException {
        long left = RESTART_PAUSE_MS - (System.nanoTime() - startedAt) / 1_000_000;
        synchronized (signal) {
            long until = System.currentTimeMillis() + left;
            while (!stopped && left > 0) {
                signal.wait(left);
                left = until - System.currentTimeMillis();
            }
        }
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms / 1000.0 + " s";
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** One start's source on its own thread, and how it ended. */
    private final class SourceRun {
        final Thread thread;
        private volatile Exception failure;

        SourceRun(Source source, List<WriterSink> sinks) {
            thread = new Thread(() -> {
                try {
                    source.run(sinks);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    failure = e;
                }
            }, Thread.currentThread().getName() + "-source");
            thread.setDaemon(true);
        }

        /** Says how the source ended when that is news: it failed, or it ended without being stopped. */
        void report(boolean endedByItself) {
            Exception e = failure;
            if (e != null) {
                notices.accept("the source failed: " + message(e) + "; the next player starts it again");
            } else if (endedByItself) {
                notices.accept("the source ended; the next player starts it again");
            }
        }
    }
}
