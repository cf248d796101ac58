package org.asfcast.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.cli.config.ConfigDiff;
import org.asfcast.cli.config.ConfigException;
import org.asfcast.cli.config.ConfigFile;
import org.asfcast.cli.config.ConfigProblem;
import org.asfcast.cli.config.OnDemandFolder;
import org.asfcast.cli.config.PointChange;
import org.asfcast.cli.config.PointConfig;
import org.asfcast.cli.config.ServerConfig;
import org.asfcast.netsink.StreamingServer;
import org.asfcast.ops.admin.ActionOutcome;
import org.asfcast.ops.admin.AdminActions;
import org.asfcast.ops.admin.SourceState;
import org.asfcast.writer.Source;

/**
 * A running {@code asfcast server}: the config in force, the server on its port and a
 * {@link LivePoint} per publishing point. {@link #reload()} reads the file again and applies what
 * changed: a file that does not validate, or whose sources cannot be opened, changes nothing.
 * With an {@code admin:} section it runs the admin listener ({@link LiveAdmin}) and does what it
 * asks ({@link AdminActions}).
 */
final class LiveServer implements AdminActions {

    /** How long a removed point's players get to take what they have before their {@code $E}. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final StreamingServer server;
    private final ServerLog log;
    private final LiveAdmin admin;
    private ServerConfig config;
    private Map<String, LivePoint> points;
    private int port;
    private volatile boolean stopping;

    private LiveServer(ServerConfig config, StreamingServer server, Map<String, LivePoint> points, ServerLog log) {
        this.config = config;
        this.server = server;
        this.points = points;
        this.log = log;
        this.admin = new LiveAdmin(server, this);
    }

    /**
     * The server and every point of {@code config}, sources made, nothing listening yet.
     *
     * @throws Failures.UserError when a point cannot be served or its source cannot be opened
     */
    static LiveServer prepare(ServerConfig config, ServerLog log) {
        Map<String, LivePoint> points = new LinkedHashMap<>();
        for (PointConfig p : config.points()) {
            try {
                points.put(p.path(), LivePoint.prepare(p, log));
            } catch (AsfFormatException | IOException e) {
                // Checked before the port opens, so no player is invited to a point that cannot play.
                throw new Failures.UserError(sourceProblem(config, p, e));
            }
        }
        StreamingServer server = new StreamingServer(ServerCommand.serverSettings(config));
        points.forEach((path, live) -> server.publish(path, live.point()));
        return new LiveServer(config, server, points, log);
    }

    /** Opens the port and prints what is served where; returns the port. */
    synchronized int open() {
        port = server.open(config.port());
        try {
            admin.open(config.admin());
        } catch (Failures.UserError e) {
            server.close();
            throw e;
        }
        log.plain("asfcast: serving " + points.size() + " point" + (points.size() == 1 ? "" : "s") + " of "
                + config.file() + " on port " + port);
        points.values().forEach(live -> log.plain("  " + urls(live)));
        admin.url().ifPresent(url -> log.plain("admin: " + url + "  (status " + url + "/api/v1/status, metrics "
                + url + "/metrics)"));
        log.plain("Ctrl-C stops; SIGHUP reloads " + config.file() + ".");
        return port;
    }

    /**
     * Runs every point's source until {@link #requestStop()}, or until every source has ended on
     * its own; then players get what is queued and {@code $E}, and the port closes.
     */
    void run() throws InterruptedException {
        synchronized (this) {
            points.values().forEach(LivePoint::start);
        }
        try {
            while (!stopping && !allEnded()) {
                Thread.sleep(100);
            }
            Map<String, LivePoint> last;
            synchronized (this) {
                stopping = true;
                last = Map.copyOf(points);
            }
            for (LivePoint live : last.values()) {
                live.stop();
            }
            // Players get what is still queued, then $E; give them a moment before the port closes.
            long deadline = System.nanoTime() + DRAIN.toNanos();
            // On-demand players are not waited for: their files never end by themselves.
            while (last.values().stream().anyMatch(p -> p instanceof LiveBroadcast && p.point().clientCount() > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            admin.close();
            server.close();
        }
        log.line("server stopped");
    }

    private synchronized boolean allEnded() {
        return points.values().stream().noneMatch(LivePoint::running);
    }

    /** From any thread (a stop signal): every source stops; {@link #run()} then ends the players and returns. */
    void requestStop() {
        stopping = true;
        synchronized (this) {
            points.values().forEach(LivePoint::requestStop);
        }
    }

    /**
     * Reads the config file again and applies what changed (see {@link PointChange}); a file that
     * does not validate, changes {@code port} or {@code bind}, or names a source that cannot be
     * opened, changes nothing and is reported. Never throws: a reload must not end the server.
     */
    synchronized void reload() {
        if (stopping) {
            return;
        }
        try {
            apply();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.line("reload failed part-way, the points above are as reported: " + e);
        }
    }

    private void apply() throws InterruptedException {
        ServerConfig next;
        try {
            next = ConfigFile.read(config.file());
        } catch (ConfigException e) {
            for (ConfigProblem problem : e.problems()) {
                log.line("reload refused, the running config stays: " + problem);
            }
            return;
        }
        ConfigDiff diff = ConfigDiff.between(config, next);
        Optional<String> refused = diff.listenerChange().map(why -> next.file() + ": " + why);
        if (refused.isPresent()) {
            log.line("reload refused, the running config stays: " + refused.get());
            return;
        }
        if (diff.isEmpty()) {
            Optional<String> adminChange = admin.apply(next.admin());
            adminChange.ifPresentOrElse(what -> log.line("reload: " + what), () -> log.line("reload: nothing changed in " + next.file()));
            config = next;
            return;
        }
        // Everything that can fail is made first, so that a bad source changes nothing at all.
        Map<String, LivePoint> added = new LinkedHashMap<>();
        Map<String, LivePoint> replaced = new LinkedHashMap<>();
        Map<String, Source> restarted = new LinkedHashMap<>();
        for (PointConfig p : next.points()) {
            PointChange change = diff.points().get(p.path());
            try {
                if (change == PointChange.ADDED) {
                    added.put(p.path(), LivePoint.prepare(p, log));
                } else if (change == PointChange.SOURCE_CHANGED
                        && (p.source() instanceof OnDemandFolder || points.get(p.path()) instanceof LiveArchive)) {
                    // A new folder, or a broadcast that becomes on demand or back: another point at that path.
                    replaced.put(p.path(), LivePoint.prepare(p, log));
                } else if (points.get(p.path()) instanceof LiveBroadcast broadcast && restarts(change, broadcast.config(), p)) {
                    restarted.put(p.path(), broadcast.sourceFor(p));
                }
            } catch (AsfFormatException | IOException e) {
                log.line("reload refused, the running config stays: " + sourceProblem(next, p, e));
                return;
            }
        }
        if (diff.serverSettingsChanged()) {
            server.reconfigure(ServerCommand.serverSettings(next).limits(), next.host());
            log.line("reload: server-wide limits and host applied");
        }
        for (String path : diff.paths(PointChange.REMOVED)) {
            log.line("reload: " + path + " removed; " + withdraw(path) + " got the end of the stream");
        }
        for (Map.Entry<String, LivePoint> e : replaced.entrySet()) {
            String ended = withdraw(e.getKey());
            server.publish(e.getKey(), e.getValue().point());
            e.getValue().start();
            log.line("reload: " + e.getKey() + " replaced (" + ended + " got the end of the stream): " + urls(e.getValue()));
        }
        Map<String, LivePoint> now = new LinkedHashMap<>();
        for (PointConfig p : next.points()) {
            PointChange change = diff.points().get(p.path());
            LivePoint live = change == PointChange.ADDED ? added.get(p.path()) : replaced.getOrDefault(p.path(), points.get(p.path()));
            now.put(p.path(), live);
            if (replaced.containsKey(p.path())) {
                continue;
            }
            if (restarted.containsKey(p.path())) {
                ((LiveBroadcast) live).replaceSource(p, restarted.get(p.path()));
                log.line("reload: " + p.path() + " source restarted: " + live.describe());
                continue;
            }
            switch (change) {
                case SETTINGS_CHANGED -> {
                    live.applySettings(p);
                    log.line("reload: " + p.path() + " settings applied; " + players(live.point().clientCount()) + " kept");
                }
                case ADDED -> {
                    server.publish(p.path(), live.point());
                    live.start();
                    log.line("reload: " + p.path() + " added: " + urls(live));
                }
                default -> {
                }
            }
        }
        points = now;
        config = next;
        admin.apply(next.admin()).ifPresent(what -> log.line("reload: " + what));
    }

    // ---- AdminActions: what the admin listener asks, on its worker thread -------------------------

    @Override
    public String version() {
        return Version.number();
    }

    @Override
    public synchronized SourceState sourceState(String path) {
        LivePoint live = points.get(path);
        if (live instanceof LiveBroadcast broadcast) {
            return broadcast.sourceState();
        }
        String what = live == null ? "no point" : live.describe() + ", read as players ask";
        return new SourceState(live != null && live.running() ? SourceState.State.RUNNING : SourceState.State.STOPPED,
                what, 0);
    }

    @Override
    public ActionOutcome startSource(String path) {
        return onSource(path, "not started: ", LiveBroadcast::startByOperator);
    }

    @Override
    public ActionOutcome stopSource(String path) {
        return onSource(path, "not stopped: ", LiveBroadcast::stopByOperator);
    }

    /** What an operator does to a broadcast's source. */
    private interface SourceAction {
        ActionOutcome on(LiveBroadcast broadcast) throws InterruptedException;
    }

    /** Does {@code action} to the source of the broadcast at {@code path}, outside the server's lock, and logs it. */
    private ActionOutcome onSource(String path, String notDone, SourceAction action) {
        LivePoint live;
        synchronized (this) {
            live = points.get(path);
        }
        if (!(live instanceof LiveBroadcast broadcast)) {
            return noSource(path, live);
        }
        try {
            ActionOutcome outcome = action.on(broadcast);
            log.line(path + ": " + (outcome.done() ? "" : notDone) + outcome.what());
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionOutcome.refused("interrupted while acting on the source of " + path);
        }
    }

    private static ActionOutcome noSource(String path, LivePoint live) {
        return ActionOutcome.refused(live == null ? "there is no point at " + path
                : path + " serves files on demand; it has no source to start or stop");
    }

    @Override
    public ActionOutcome reloadConfig() {
        java.util.List<String> said = log.captured(this::reload);
        boolean refused = said.isEmpty() || said.stream().anyMatch(l -> l.startsWith("reload refused") || l.startsWith("reload failed"));
        return new ActionOutcome(!refused, said.isEmpty() ? "the server is stopping; nothing was reloaded"
                : String.join("; ", said));
    }

    /** Withdraws the point at {@code path} (its players get {@code $E}) and stops it; says how many players it had. */
    private String withdraw(String path) throws InterruptedException {
        LivePoint live = points.get(path);
        int players = live.point().clientCount();
        server.withdraw(path, DRAIN);
        live.stop();
        return players(players);
    }

    /** The point's path, source and the URLs that play it. */
    private String urls(LivePoint live) {
        String authority = config.host().orElseGet(() -> config.bind().map(a -> a.getHostAddress()).orElse("127.0.0.1"))
                + ":" + port;
        String path = live.config().path();
        if (live instanceof LiveArchive) {
            String folder = path.equals("/") ? "/" : path + "/";
            return path + "  " + live.describe() + ":  mmsh://" + authority + folder + "FILE   http://" + authority + folder
                    + "FILE   http://" + authority + folder + "FILE.asx   listing http://" + authority + folder;
        }
        return path + "  " + live.describe() + ":  mmsh://" + authority + path + "   http://" + authority + path
                + "   http://" + authority + (path.equals("/") ? "/" : path) + ".asx";
    }

    private static String players(int n) {
        return n + (n == 1 ? " player" : " players");
    }

    /** Whether a point's change needs its source made again: another source, or another start mode. */
    private static boolean restarts(PointChange change, PointConfig old, PointConfig next) {
        return change == PointChange.SOURCE_CHANGED
                || change == PointChange.SETTINGS_CHANGED && old.settings().start() != next.settings().start();
    }

    private static String sourceProblem(ServerConfig config, PointConfig p, Exception e) {
        return config.file() + ": " + p.path() + ": " + p.source().describe() + ": "
                + (e.getMessage() == null ? e.toString() : e.getMessage());
    }
}
