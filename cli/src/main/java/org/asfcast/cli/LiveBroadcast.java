package org.asfcast.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.BitrateObjects;
import org.asfcast.cli.config.FileSource;
import org.asfcast.cli.config.PointConfig;
import org.asfcast.cli.config.StartMode;
import org.asfcast.netsink.BroadcastPoint;
import org.asfcast.netsink.ClientInfo;
import org.asfcast.netsink.DisconnectReason;
import org.asfcast.netsink.SinkListener;
import org.asfcast.ops.admin.ActionOutcome;
import org.asfcast.ops.admin.SourceState;
import org.asfcast.writer.ForwardingSink;
import org.asfcast.writer.Source;

/**
 * A broadcast point of a running {@code asfcast server}: its config, its broadcast point and
 * the source feeding it on its own thread. A reload may give it new settings (players stay) or a
 * new source (the old one is stopped, and only the new one's header decides what connected players
 * see: the same header continues their stream, another ends it with {@code $E}).
 */
final class LiveBroadcast implements LivePoint {

    private final BroadcastPoint point;
    private final ServerLog log;
    private volatile PointConfig config;
    private Feed feed;
    /** Feeds started: every one after the first is a restart (a reload's new source, an operator's start). */
    private final java.util.concurrent.atomic.AtomicLong feedsStarted = new java.util.concurrent.atomic.AtomicLong();
    /** Restarts of commands whose feeds have been replaced (a command restarts itself with back-off). */
    private final java.util.concurrent.atomic.AtomicLong retiredRestarts = new java.util.concurrent.atomic.AtomicLong();
    /** Stopped by the operator: it still serves (the server does not end with it), and may be started again. */
    private volatile boolean held;

    private LiveBroadcast(PointConfig config, BroadcastPoint point, ServerLog log) {
        this.config = config;
        this.point = point;
        this.log = log;
    }

    /**
     * A point for {@code config} with its source made (files opened and checked), not yet running.
     *
     * @throws IOException        when the source's input cannot be opened
     * @throws AsfFormatException when the source's file is not usable ASF
     */
    static LiveBroadcast prepare(PointConfig config, ServerLog log) throws IOException, AsfFormatException {
        LiveBroadcast live = new LiveBroadcast(config, new BroadcastPoint(config.path(), ServerCommand.pointSettings(config)), log);
        live.point.accessList().replace(config.settings().allow(), config.settings().deny());
        live.point.guard(PlayerGuards.of(config.guard()));
        live.feed = live.new Feed(live.sourceFor(config));
        live.point.addListener(new PlayerLines(live));
        return live;
    }

    /**
     * Makes the source {@code next} would run into this point, without starting it; see
     * {@link #replaceSource}. For {@code start: on-demand}, an {@link OnDemandSource} that makes a
     * fresh one per start (the first now, so that a bad file is refused at once).
     */
    Source sourceFor(PointConfig next) throws IOException, AsfFormatException {
        if (next.source() instanceof org.asfcast.cli.config.PushSource push) {
            // One ingest per point, kept across reloads: a reload's new credentials apply to the next publisher.
            org.asfcast.netsink.PushIngest ingest = point.pushIngest()
                    .orElseGet(() -> new org.asfcast.netsink.PushIngest(next.path(), push.settings()));
            ingest.apply(push.settings());
            point.takePushes(ingest);
            return new org.asfcast.writer.source.PublishedSource(ingest, next.path(), push.settings().grace(),
                    notice -> log.line(next.path() + ": " + notice));
        }
        point.takePushes(null); // a point that was a push point takes no publisher with another source
        if (next.settings().start() == StartMode.ON_DEMAND) {
            return new OnDemandSource(point, () -> ServerCommand.source(next.source(), next.path(), log),
                    next.settings().idleStop(), notice -> log.line(next.path() + ": " + notice));
        }
        return ServerCommand.source(next.source(), next.path(), log);
    }

    @Override
    public PointConfig config() {
        return config;
    }

    @Override
    public BroadcastPoint point() {
        return point;
    }

    synchronized Source source() {
        return feed.source;
    }

    @Override
    public String describe() {
        return source().describe();
    }

    /** Whether the source's thread is running, or the operator stopped it (it may be started again). */
    @Override
    public synchronized boolean running() {
        return feed.alive() || held;
    }

    /** What the source is doing, for the admin listener; a relay says how its origin is doing too. */
    SourceState sourceState() {
        SourceState state = ownSourceState();
        Source s = running(source());
        if (s instanceof org.asfcast.client.relay.RelaySource relay) {
            org.asfcast.client.relay.RelayStatus r = relay.status();
            return new SourceState(state.state(), state.description(), state.restarts(), java.util.Optional.of(
                    new org.asfcast.ops.admin.RelayState(r.state().apiName(), r.since().toString(), r.upstream(),
                            r.reconnects(), r.bytesIn())));
        }
        return state;
    }

    private SourceState ownSourceState() {
        Feed f;
        synchronized (this) {
            f = feed;
        }
        long restarts = Math.max(0, feedsStarted.get() - 1) + retiredRestarts.get() + commandRestarts(f.source);
        String what = f.source.describe();
        if (f.alive()) {
            if (point.isLive()) {
                return new SourceState(SourceState.State.RUNNING, what, restarts);
            }
            return f.source instanceof OnDemandSource
                    ? new SourceState(SourceState.State.STOPPED, what + ", started when a player asks", restarts)
                    : new SourceState(SourceState.State.STARTING, what + ", waiting for its header", restarts);
        }
        String failure = f.failure;
        if (failure != null) {
            return new SourceState(SourceState.State.FAILED, what + ": " + failure, restarts);
        }
        return new SourceState(SourceState.State.STOPPED, what + (held ? ", stopped by the operator" : ", ended"), restarts);
    }

    /** The source that runs now: for {@code start: on-demand}, that of the start under way (null while none). */
    private static Source running(Source source) {
        return source instanceof OnDemandSource onDemand ? onDemand.current().orElse(null) : source;
    }

    /** How many times a command source (or FFmpeg for a transcode) has started its command again. */
    private static long commandRestarts(Source given) {
        Source source = running(given);
        if (source instanceof org.asfcast.writer.source.CommandSource c) {
            return c.restarts();
        }
        if (source instanceof org.asfcast.client.relay.RelaySource r) {
            return r.reconnects(); // an edge asking its origin again counts as its source starting again
        }
        return source instanceof org.asfcast.writer.source.TranscodeSource t ? t.restarts() : 0;
    }

    /** The operator stops the source: players get the end of the stream; the point stays, to be started again. */
    ActionOutcome stopByOperator() throws InterruptedException {
        Feed f;
        synchronized (this) {
            f = feed;
            if (!f.alive()) {
                return ActionOutcome.refused("the source of " + config.path() + " is not running");
            }
            held = true;
        }
        int players = point.clientCount();
        f.stopAndJoin();
        return ActionOutcome.done("stopped the source of " + config.path() + " (" + f.source.describe() + "); "
                + players + (players == 1 ? " player" : " players") + " got the end of the stream");
    }

    /** The operator starts the source again: a fresh one from the config in force (files opened again). */
    synchronized ActionOutcome startByOperator() {
        if (feed.alive()) {
            return ActionOutcome.refused("the source of " + config.path() + " is running already");
        }
        Source source;
        try {
            source = sourceFor(config);
        } catch (IOException | AsfFormatException e) {
            return ActionOutcome.refused("the source of " + config.path() + " cannot start: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        // An ended source left the point without a start wait; the config's comes back with the source.
        point.apply(ServerCommand.pointSettings(config));
        retiredRestarts.addAndGet(commandRestarts(feed.source));
        feed = new Feed(source);
        feed.start();
        held = false;
        return ActionOutcome.done("started the source of " + config.path() + ": " + source.describe());
    }

    /** Starts the source's thread. */
    @Override
    public synchronized void start() {
        feed.start();
    }

    /**
     * Applies {@code next}'s settings (limits, access lists, slow-player rules) without dropping
     * anyone; {@code bitrate-objects} applies from the point's next header on.
     */
    @Override
    public void applySettings(PointConfig next) {
        point.apply(ServerCommand.pointSettings(next));
        point.accessList().replace(next.settings().allow(), next.settings().deny());
        if (!next.guard().equals(config.guard())) {
            point.guard(PlayerGuards.of(next.guard())); // an unchanged guard keeps its hook's cache
        }
        if (source() instanceof OnDemandSource onDemand) {
            onDemand.idleStop(next.settings().idleStop());
        }
        if (next.source() instanceof org.asfcast.cli.config.PushSource push) {
            // The next publisher needs the new credential; the one streaming goes on.
            point.pushIngest().ifPresent(ingest -> ingest.apply(push.settings()));
            if (source() instanceof org.asfcast.writer.source.PublishedSource published) {
                published.grace(push.settings().grace());
            }
        }
        config = next;
    }

    /**
     * Stops the running source and starts {@code source} (made by {@link #sourceFor} from
     * {@code next}) in its place, with {@code next}'s settings. The old source's end never
     * reaches the point, so players wait (kept alive) for the new source's header.
     */
    void replaceSource(PointConfig next, Source source) throws InterruptedException {
        Feed old;
        Feed started;
        synchronized (this) {
            old = feed;
            old.cut();
            retiredRestarts.addAndGet(commandRestarts(old.source));
            started = new Feed(source);
            feed = started;
        }
        old.stopAndJoin();
        applySettings(next);
        started.start();
    }

    /** Stops the source (the point gets the end of writing) and waits for its thread. */
    @Override
    public void stop() throws InterruptedException {
        Feed f;
        synchronized (this) {
            f = feed;
        }
        f.stopAndJoin();
    }

    /** Stops the source at once, without waiting (a stop signal; {@link #stop} then waits). */
    @Override
    public synchronized void requestStop() {
        feed.source.stop();
    }

    /**
     * One run of one source into the point. Once cut (its source replaced), whatever the source
     * still writes, its end included, goes nowhere: the point belongs to the next source.
     */
    private final class Feed extends ForwardingSink {
        final Source source;
        private volatile boolean cut;
        private volatile String failure;
        private Thread thread;

        Feed(Source source) {
            super(point);
            this.source = source;
        }

        void cut() {
            cut = true;
        }

        void start() {
            feedsStarted.incrementAndGet();
            thread = new Thread(this::run, "asfcast-point" + config.path());
            thread.start();
        }

        boolean alive() {
            Thread t = thread;
            return t != null && t.isAlive();
        }

        void stopAndJoin() throws InterruptedException {
            source.stop();
            join();
        }

        void join() throws InterruptedException {
            Thread t = thread;
            if (t != null) {
                // A source that ignores stop() must not hang a reload or the stop for ever.
                t.join(TimeUnit.SECONDS.toMillis(10));
            }
        }

        private void run() {
            try {
                source.run(List.of(this));
                if (!cut) {
                    log.line(config.path() + ": " + source.describe() + " ended");
                    // Nothing will start it again: players get the 503 at once instead of waiting.
                    point.apply(point.settings().withStartWait(java.time.Duration.ZERO));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // One point's failing source ends that point alone; the others play on.
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
                if (!cut) {
                    log.line(config.path() + ": the source failed: " + failure);
                    point.apply(point.settings().withStartWait(java.time.Duration.ZERO));
                }
            }
        }

        @Override
        public void onHeader(ByteBuffer header) throws IOException {
            if (!cut) {
                super.onHeader(config.settings().bitrateObjects() ? described(header) : header);
            }
        }

        /** The header with bitrate objects added; as it is, with one line saying why, when that cannot be done. */
        private ByteBuffer described(ByteBuffer header) {
            try {
                Map<Integer, Long> measured = config.source() instanceof FileSource f ? BitrateObjects.measure(f.file()) : Map.of();
                return BroadcastBitrates.added(header, measured);
            } catch (IOException | AsfFormatException | IllegalArgumentException e) {
                log.line(config.path() + ": bitrate-objects: the header is served as it is: "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()));
                return header;
            }
        }

        @Override
        public void onDataUnit(ByteBuffer dataUnit) throws IOException {
            if (!cut) {
                super.onDataUnit(dataUnit);
            }
        }

        @Override
        public void onEndWriting() throws IOException {
            if (!cut) {
                super.onEndWriting();
            }
        }
    }

    /** One line per player joining or leaving, named by the point. */
    private record PlayerLines(LiveBroadcast live) implements SinkListener {
        @Override
        public void clientConnected(ClientInfo c) {
            live.log.line(live.config.path() + " + " + ServeCommand.who(c) + " (" + live.point.clientCount() + " connected)");
        }

        @Override
        public void clientDisconnected(ClientInfo c, DisconnectReason reason) {
            live.log.line(live.config.path() + " - " + ServeCommand.who(c) + ": " + ServeCommand.departure(c, reason)
                    + " (" + live.point.clientCount() + " connected)");
        }
    }

    @Override
    public String toString() {
        return config.path();
    }
}
