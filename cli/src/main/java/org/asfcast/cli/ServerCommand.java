package org.asfcast.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.asfcast.cli.config.CommandSource;
import org.asfcast.cli.config.ConfigException;
import org.asfcast.cli.config.ConfigFile;
import org.asfcast.cli.config.ConfigProblem;
import org.asfcast.cli.config.FileSource;
import org.asfcast.cli.config.PointConfig;
import org.asfcast.cli.config.PointSource;
import org.asfcast.cli.config.ServerConfig;
import org.asfcast.cli.config.StartMode;
import org.asfcast.cli.config.StdinSource;
import org.asfcast.cli.config.TestPatternSource;
import org.asfcast.netsink.AddressAccessList;
import org.asfcast.netsink.AddressRange;
import org.asfcast.netsink.BroadcastPoint;
import org.asfcast.netsink.NetworkSinkConfig;
import org.asfcast.netsink.PointSettings;
import org.asfcast.netsink.ServerLimits;
import org.asfcast.netsink.ServerSettings;
import org.asfcast.netsink.StreamingServer;
import org.asfcast.writer.Source;
import org.asfcast.writer.source.CommandSettings;
import org.asfcast.writer.source.FileReplay;
import org.asfcast.writer.source.PipeRelay;
import org.asfcast.writer.source.TestPattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code asfcast server CONFIG}: every publishing point of a config file on one port, each fed by
 * its own source on its own thread, until stopped (Ctrl-C, SIGTERM). A point whose source ends
 * ends its players' streams ({@code $E}); the others play on.
 */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Serves every publishing point of CONFIG (see asfcast.example.yml) on one port until stopped.",
                "Check a file first with: asfcast check CONFIG"})
final class ServerCommand implements Callable<Integer> {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CONFIG", description = "The config file.")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConfig config;
        try {
            config = ConfigFile.read(configFile);
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(p);
            }
            return 1;
        }
        for (PointConfig p : config.points()) {
            if (p.settings().start() == StartMode.ON_DEMAND) {
                throw new Failures.UserError(config.file() + ": points[" + config.points().indexOf(p) + "].start: "
                        + "on-demand start is not served by this version yet; use 'start: always'");
            }
        }
        StreamingServer server = new StreamingServer(serverSettings(config));
        List<Running> running = new ArrayList<>();
        for (PointConfig p : config.points()) {
            BroadcastPoint point = new BroadcastPoint(p.path(), pointSettings(p));
            AddressAccessList access = point.accessList();
            p.settings().allow().forEach(r -> access.add(AddressAccessList.EntryType.INCLUDE, text(r)));
            p.settings().deny().forEach(r -> access.add(AddressAccessList.EntryType.EXCLUDE, text(r)));
            server.publish(p.path(), point);
            try {
                running.add(new Running(p, point, source(p.source(), p.path(), err)));
            } catch (org.asfcast.asf.AsfFormatException | java.io.IOException e) {
                // Checked before the port opens, so no player is invited to a point that cannot play.
                throw new Failures.UserError(config.file() + ": " + p.path() + ": " + p.source().describe() + ": "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        int port = server.open(config.port());
        Terminal terminal = new Terminal(out, false);
        String authority = config.host().orElseGet(() -> config.bind().map(a -> a.getHostAddress()).orElse("127.0.0.1"))
                + ":" + port;
        terminal.println("asfcast: serving " + running.size() + " point" + (running.size() == 1 ? "" : "s")
                + " of " + config.file() + " on port " + port);
        for (Running r : running) {
            String path = r.config.path();
            terminal.println("  " + path + "  " + r.source.describe() + ":  mmsh://" + authority + path
                    + "   http://" + authority + path + "   http://" + authority + (path.equals("/") ? "/" : path) + ".asx");
        }
        terminal.println("Ctrl-C stops.");
        StopSignals signals = StopSignals.onStop(() -> running.forEach(r -> r.source.stop()), "serving");
        try {
            for (Running r : running) {
                r.thread = new Thread(() -> r.run(terminal), "asfcast-point" + r.config.path());
                r.thread.start();
            }
            for (Running r : running) {
                r.thread.join();
            }
            // Players get what is still queued, then $E; give them a moment before the port closes.
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (running.stream().anyMatch(r -> r.point.clientCount() > 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            server.close();
        }
        terminal.println(CLOCK.format(LocalTime.now()) + " server stopped");
        signals.done();
        return 0;
    }

    /** One point and its source's thread. */
    private static final class Running {
        final PointConfig config;
        final BroadcastPoint point;
        final Source source;
        Thread thread;

        Running(PointConfig config, BroadcastPoint point, Source source) {
            this.config = config;
            this.point = point;
            this.source = source;
        }

        void run(Terminal terminal) {
            try {
                source.run(List.of(point));
                terminal.println(CLOCK.format(LocalTime.now()) + " " + config.path() + ": " + source.describe() + " ended");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // One point's failing source ends that point alone; the others play on.
                terminal.println(CLOCK.format(LocalTime.now()) + " " + config.path() + ": the source failed: "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
    }

    private static ServerSettings serverSettings(ServerConfig config) {
        NetworkSinkConfig.Builder b = NetworkSinkConfig.builder();
        config.bind().ifPresent(b::bindAddress);
        config.host().ifPresent(b::advertisedHost);
        org.asfcast.cli.config.ServerLimits l = config.limits();
        return b.build().serverSettings().withLimits(new ServerLimits(l.maxPlayers(), l.maxBandwidth().bitsPerSecond(),
                l.connectionsPerSecond()));
    }

    private static PointSettings pointSettings(PointConfig p) {
        org.asfcast.cli.config.PointSettings s = p.settings();
        return NetworkSinkConfig.builder().maximumClients(s.maxPlayers()).slowClientPolicy(s.slowPlayers())
                .stallTimeout(s.stallTimeout()).joinBurst(s.joinBurst()).build().pointSettings();
    }

    private static String text(AddressRange range) {
        return range.network().getHostAddress() + "/" + range.prefixLength();
    }

    private static Source source(PointSource source, String path, PrintWriter err) throws java.io.IOException, org.asfcast.asf.AsfFormatException {
        if (source instanceof FileSource f) {
            return new FileReplay(f.file(), f.loop(), notice -> err.println(CLOCK.format(LocalTime.now()) + " " + path
                    + ": " + notice));
        }
        if (source instanceof StdinSource) {
            return new PipeRelay(System.in, "standard input");
        }
        if (source instanceof TestPatternSource t) {
            return TestPattern.builder().size(t.width(), t.height()).framesPerSecond(t.framesPerSecond())
                    .packetSize(t.packetSize()).preroll(t.preroll().toMillis()).build();
        }
        if (source instanceof org.asfcast.cli.config.TranscodeSource t) {
            Duration grace = t.restartGrace().isZero() ? Duration.ofMillis(1) : t.restartGrace();
            CommandSettings d = CommandSettings.DEFAULT;
            try {
                // Before the port opens: FFmpeg on the PATH, and a file input it can read.
                return org.asfcast.writer.source.TranscodeSource.open(
                        org.asfcast.writer.source.TranscodeSource.ffmpeg(System.getenv("PATH"), "transcoding needs FFmpeg"),
                        t.input(), t.settings(), path, new CommandSettings(grace, d.stallTimeout(), d.backoff()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while FFmpeg looked at the input");
            }
        }
        CommandSource c = (CommandSource) source;
        Duration grace = c.restartGrace().isZero() ? Duration.ofMillis(1) : c.restartGrace();
        CommandSettings d = CommandSettings.DEFAULT;
        return new org.asfcast.writer.source.CommandSource(c.arguments(), path,
                new CommandSettings(grace, d.stallTimeout(), d.backoff()));
    }
}
