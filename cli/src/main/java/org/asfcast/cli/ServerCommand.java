package org.asfcast.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.asfcast.cli.config.CommandSource;
import org.asfcast.cli.config.ConfigException;
import org.asfcast.cli.config.ConfigFile;
import org.asfcast.cli.config.ConfigProblem;
import org.asfcast.cli.config.FileSource;
import org.asfcast.cli.config.PointConfig;
import org.asfcast.cli.config.PointSource;
import org.asfcast.cli.config.ServerConfig;
import org.asfcast.cli.config.StdinSource;
import org.asfcast.cli.config.TestPatternSource;
import org.asfcast.netsink.NetworkSinkConfig;
import org.asfcast.netsink.PointSettings;
import org.asfcast.netsink.ServerLimits;
import org.asfcast.netsink.ServerSettings;
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
 * ends its players' streams ({@code $E}); the others play on. SIGHUP reloads the file
 * ({@link LiveServer#reload()}).
 */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Serves every publishing point of CONFIG (see asfcast.example.yml) on one port until stopped.",
                "Check a file first with: asfcast check CONFIG"})
final class ServerCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CONFIG", description = "The config file.")
    Path configFile;

    @Override
    public Integer call() throws Exception {
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
        ServerLog log = new ServerLog(new Terminal(spec.commandLine().getOut(), false));
        LiveServer live = LiveServer.prepare(config, log);
        live.open();
        // A reload runs on the signal's own thread; the sources keep running on theirs meanwhile.
        StopSignals signals = StopSignals.onStop(live::requestStop, live::reload);
        live.run();
        signals.done();
        return 0;
    }

    static ServerSettings serverSettings(ServerConfig config) {
        NetworkSinkConfig.Builder b = NetworkSinkConfig.builder();
        config.bind().ifPresent(b::bindAddress);
        config.host().ifPresent(b::advertisedHost);
        org.asfcast.cli.config.ServerLimits l = config.limits();
        return b.build().serverSettings().withLimits(new ServerLimits(l.maxPlayers(), l.maxBandwidth().bitsPerSecond(),
                l.connectionsPerSecond()));
    }

    static PointSettings pointSettings(PointConfig p) {
        org.asfcast.cli.config.PointSettings s = p.settings();
        // Every point of a server holds a player that comes before its header (an encoder still
        // starting, a source started on demand) instead of refusing it.
        return NetworkSinkConfig.builder().maximumClients(s.maxPlayers()).slowClientPolicy(s.slowPlayers())
                .stallTimeout(s.stallTimeout()).joinBurst(s.joinBurst()).build().pointSettings()
                .withStartWait(PointSettings.ON_DEMAND_START_WAIT);
    }

    /** The source a point's config names, made and checked (files opened), not yet running. */
    static Source source(PointSource source, String path, ServerLog log) throws java.io.IOException, org.asfcast.asf.AsfFormatException {
        if (source instanceof FileSource f) {
            return new FileReplay(f.file(), f.loop(), notice -> log.line(path + ": " + notice));
        }
        if (source instanceof StdinSource) {
            return new PipeRelay(System.in, "standard input");
        }
        if (source instanceof TestPatternSource t) {
            return TestPattern.builder().size(t.width(), t.height()).framesPerSecond(t.framesPerSecond())
                    .packetSize(t.packetSize()).preroll(t.preroll().toMillis()).build();
        }
        if (source instanceof org.asfcast.cli.config.TranscodeSource t) {
            try {
                // Before the port opens: FFmpeg on the PATH, and a file input it can read.
                return org.asfcast.writer.source.TranscodeSource.open(
                        org.asfcast.writer.source.TranscodeSource.ffmpeg(System.getenv("PATH"), "transcoding needs FFmpeg"),
                        t.input(), t.settings(), path, commandSettings(t.restartGrace()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while FFmpeg looked at the input");
            }
        }
        if (source instanceof org.asfcast.cli.config.RelaySource r) {
            return new org.asfcast.client.relay.RelaySource(r.settings(), path);
        }
        if (!(source instanceof CommandSource c)) {
            throw new IllegalArgumentException(path + " serves a folder on demand; it has no broadcast source");
        }
        return new org.asfcast.writer.source.CommandSource(c.arguments(), path, commandSettings(c.restartGrace()));
    }

    /** The default command settings with the point's restart grace (0 in the file: the least there is). */
    private static CommandSettings commandSettings(Duration restartGrace) {
        CommandSettings d = CommandSettings.DEFAULT;
        return new CommandSettings(restartGrace.isZero() ? Duration.ofMillis(1) : restartGrace, d.stallTimeout(), d.backoff());
    }
}
