package org.asfcast.cli;

import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.asfcast.asf.AsfSignature;
import org.asfcast.netsink.AddressRange;
import org.asfcast.netsink.ClientInfo;
import org.asfcast.netsink.DisconnectReason;
import org.asfcast.netsink.NetworkSink;
import org.asfcast.netsink.NetworkSinkConfig;
import org.asfcast.netsink.SinkListener;
import org.asfcast.netsink.SlowClientPolicy;
import org.asfcast.writer.FileSink;
import org.asfcast.writer.Source;
import org.asfcast.writer.WriterSink;
import org.asfcast.writer.source.CommandSettings;
import org.asfcast.writer.source.FileReplay;
import org.asfcast.writer.source.PipeRelay;
import org.asfcast.writer.source.TranscodeException;
import org.asfcast.writer.source.TranscodeInput;
import org.asfcast.writer.source.TranscodeSettings;
import org.asfcast.writer.source.TranscodeSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code asfcast serve [FILE | -]}: broadcast a file, a pipe, or the test pattern. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Broadcasts live until stopped (Ctrl-C) or the input ends.",
                "FILE: an ASF/WMV/WMA file, replayed in real time; any other file FFmpeg reads (movie.mp4, song.mp3)",
                "or a URL (rtsp://, http://), transcoded by FFmpeg to WMV2/WMA2 (ffmpeg must be on the PATH);",
                "'-': live ASF on standard input (e.g. ffmpeg -re -i in.mp4 -c:v wmv2 -c:a wmav2 -f asf - | asfcast serve -);",
                "no FILE: the built-in test pattern (moving picture, clock, a beep every second)."})
final class ServeCommand implements Callable<Integer> {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The file or URL to broadcast, or '-' for standard input.")
    String input;

    @Option(names = "--transcode", description = "Transcode FILE with FFmpeg even when it is ASF (its codecs are not "
            + "WMV/WMA, or it plays badly as it is).")
    boolean transcode;

    @Option(names = "--port", paramLabel = "N", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 8080;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Listen on this address only (default: every interface, IPv4 and IPv6).")
    String bind;

    @Option(names = "--path", paramLabel = "PATH", description = "The path players open (default: ${DEFAULT-VALUE}).")
    String path = "/";

    @Option(names = "--max-clients", paramLabel = "N", description = "Most players at once (default: ${DEFAULT-VALUE}).")
    int maxClients = 100;

    @Option(names = "--loop", description = "Replay FILE forever, timestamps continuing.")
    boolean loop;

    @Option(names = "--packet-size", paramLabel = "BYTES", description = "ASF packet size of the test pattern (default: ${DEFAULT-VALUE}).")
    int packetSize = 3200;

    @Option(names = "--preroll", paramLabel = "MS", description = "Preroll of the test pattern in ms (default: ${DEFAULT-VALUE}).")
    int preroll = 1000;

    @Option(names = "--record", paramLabel = "FILE", description = "Also write the broadcast to this file (finished and seekable at the end).")
    Path record;

    @Option(names = "--slow-client", paramLabel = "skip|drop",
            description = "A player that cannot keep up skips ahead to a key frame, or is dropped (default: ${DEFAULT-VALUE}).")
    String slowClient = "skip";

    @Option(names = "--delivery-interval", paramLabel = "MS",
            description = "Longest wait of a packet before it goes out, so that each player gets several per write: "
                    + "less CPU per player, a little more latency (0..1000, default: ${DEFAULT-VALUE}).")
    int deliveryInterval = (int) NetworkSinkConfig.defaults().deliveryInterval().toMillis();

    @Option(names = "--size", paramLabel = "WxH", description = "Test pattern picture size (default: ${DEFAULT-VALUE}).")
    String size = "320x240";

    @Option(names = "--fps", paramLabel = "N", description = "Test pattern frame rate (default: ${DEFAULT-VALUE}).")
    int fps = 25;

    @Option(names = "--push", paramLabel = "URL",
            description = "Also push the broadcast to a publishing point of another server, as an encoder does (MS-WMHTTP): "
                    + "http://[user:password@]host[:port]/point[?token=T] (asfcast, Windows Media Services). "
                    + "It reconnects on its own; the query (a token) goes in every request line.")
    String push;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec == null ? new PrintWriter(System.out, true) : spec.commandLine().getOut();
        PrintWriter err = spec == null ? new PrintWriter(System.err, true) : spec.commandLine().getErr();
        NetworkSinkConfig config = config();
        Terminal terminal = new Terminal(out, System.console() != null);
        Source source = source(terminal);
        if (record != null) {
            RecordTarget.check(record); // before the port opens and the URLs invite players
        }
        // A --push URL that cannot be pushed to is refused before the port opens, too.
        ServePush pushing = push == null ? null : ServePush.start(push, terminal, err);
        NetworkSink sink = new NetworkSink(config);
        int listening = sink.open(port);
        // The URLs are printed once players can play them: when the sink has its first header.
        List<WriterSink> sinks = new ArrayList<>(List.of(new OnFirstHeader(sink, () -> announce(terminal, source, listening))));
        FileSink recording = null;
        if (record != null) {
            recording = new FileSink(record);
            // A failed recording is set aside and the broadcast goes on; this prints its one line.
            sinks.add(new FailureNotice(recording, err));
        }
        if (pushing != null) {
            sinks.add(pushing.sink()); // a push that fails is set aside by the delivery; its listener said why
        }
        Traffic traffic = new Traffic();
        sink.addListener(new SinkListener() {
            @Override
            public void clientConnected(ClientInfo c) {
                terminal.println(CLOCK.format(LocalTime.now()) + " + " + who(c) + " (" + sink.clientCount() + " connected)");
            }

            @Override
            public void clientDisconnected(ClientInfo c, DisconnectReason reason) {
                traffic.departed(c.bytesSent());
                terminal.println(CLOCK.format(LocalTime.now()) + " - " + who(c) + ": " + departure(c, reason)
                        + " (" + sink.clientCount() + " connected)");
            }
        });
        if (source instanceof PipeRelay || source instanceof TranscodeSource) {
            // An encoder may take a while to send its header; say that the port is ready meanwhile.
            terminal.println("asfcast: port " + listening + " is open; waiting for " + source.describe());
        }

        StopSignals signals = StopSignals.onStop(source::stop, "serving");
        Thread status = statusLine(terminal, sink, traffic);
        try {
            source.run(sinks);
            // Players get what is still queued, then $E; give them a moment before the port closes.
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (sink.clientCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            if (pushing != null) {
                pushing.end(); // $E 0 after what is queued: the server's players end with ours
            }
            status.interrupt();
            terminal.clearStatus();
            sink.close();
        }
        String recorded = recording == null ? "" : recording.failure().isPresent()
                ? "; the recording stopped early (see above): " + record : "; recorded " + record;
        terminal.println(CLOCK.format(LocalTime.now()) + " broadcast ended" + recorded);
        signals.done();
        return 0;
    }

    private NetworkSinkConfig config() {
        NetworkSinkConfig.Builder b = NetworkSinkConfig.builder();
        try {
            b.path(path).maximumClients(maxClients);
        } catch (IllegalArgumentException e) {
            throw new Failures.UserError(e.getMessage());
        }
        if (port < 0 || port > 65535) {
            throw new Failures.UserError("--port must be 0..65535, not " + port);
        }
        if (deliveryInterval < 0 || deliveryInterval > 1000) {
            throw new Failures.UserError("--delivery-interval must be 0..1000 ms, not " + deliveryInterval);
        }
        b.deliveryInterval(java.time.Duration.ofMillis(deliveryInterval));
        b.slowClientPolicy(switch (slowClient.toLowerCase()) {
            case "skip" -> SlowClientPolicy.SKIP;
            case "drop" -> SlowClientPolicy.DROP;
            default -> throw new Failures.UserError("--slow-client must be skip or drop, not '" + slowClient + "'");
        });
        if (bind != null) {
            b.bindAddress(literalAddress(bind));
        }
        return b.build();
    }

    /** The address for --bind, checked as the access lists check theirs (a literal, no name lookup). */
    private static InetAddress literalAddress(String text) {
        try {
            AddressRange range = AddressRange.parse(text);
            if (range.prefixLength() == range.network().getAddress().length * 8 && !text.contains("/")) {
                return range.network();
            }
        } catch (IllegalArgumentException notAnAddress) {
            // fall through to the sentence below
        }
        throw new Failures.UserError("--bind takes an IP address such as 127.0.0.1 or ::1, not '" + text + "'");
    }

    private Source source(Terminal terminal) throws Exception {
        if (input != null) {
            for (String patternOnly : new String[] {"--packet-size", "--preroll", "--size", "--fps"}) {
                if (matched(patternOnly)) {
                    throw new Failures.UserError(patternOnly + " applies to the test pattern only: a broadcast FILE or "
                            + "pipe keeps its own packets");
                }
            }
        }
        if (loop && (input == null || "-".equals(input))) {
            throw new Failures.UserError("--loop needs a FILE to replay");
        }
        if (transcode && (input == null || "-".equals(input))) {
            throw new Failures.UserError("--transcode needs a FILE or URL to transcode");
        }
        if (input == null) {
            return TestPatterns.create(size, fps, packetSize, preroll);
        }
        if ("-".equals(input)) {
            return new PipeRelay(System.in, "standard input");
        }
        if (TranscodeInput.isUrl(input)) {
            return transcoded(TranscodeInput.ofUrl(input, loop), ffmpeg("serving a URL needs FFmpeg to read it"));
        }
        Path file = Path.of(input);
        if (java.nio.file.Files.isDirectory(file)) {
            // Reading a directory fails with the bare "Is a directory"; name it and say what serve takes.
            throw new Failures.UserError(file + " is a directory; serve takes a media file (ASF, or any FFmpeg reads), a URL, "
                    + "or '-' for standard input");
        }
        // ASF by its content, whatever its name: ASF is replayed as it is, anything else transcoded.
        // A missing file or a pipe goes to FileReplay as before (a pipe's first bytes cannot be looked at twice).
        if (!java.nio.file.Files.isRegularFile(file) || !transcode && AsfSignature.of(file)) {
            return new FileReplay(file, loop, notice -> terminal.println(CLOCK.format(LocalTime.now()) + " " + notice));
        }
        String name = String.valueOf(file.getFileName());
        Path ffmpeg = ffmpeg(transcode ? "--transcode needs FFmpeg" : name + " is not ASF, so serving it needs FFmpeg to transcode it");
        try {
            return transcoded(TranscodeInput.ofFile(file, loop), ffmpeg);
        } catch (TranscodeException e) {
            throw new Failures.UserError((transcode ? "" : name + " is not ASF, and ") + e.getMessage());
        }
    }

    private static Path ffmpeg(String purpose) throws TranscodeException {
        return TranscodeSource.ffmpeg(System.getenv("PATH"), purpose);
    }

    private static TranscodeSource transcoded(TranscodeInput in, Path ffmpeg) throws java.io.IOException, InterruptedException {
        return TranscodeSource.open(ffmpeg, in, TranscodeSettings.DEFAULTS, "serve", CommandSettings.DEFAULT);
    }

    private boolean matched(String option) {
        return spec != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private void announce(Terminal terminal, Source source, int listening) {
        String host = bind != null && !bind.equals("0.0.0.0") && !bind.equals("::") ? hostFor(bind) : guessHost();
        String where = host + ":" + listening + path;
        terminal.println("asfcast: broadcasting " + source.describe() + " on port " + listening);
        terminal.println("  mmsh://" + where + "   (Windows Media Player, VLC, MPlayer, FFmpeg)");
        terminal.println("  http://" + where + "   (any player: raw ASF)");
        terminal.println("  try:  ffplay mmsh://" + where + "   or   vlc mmsh://" + where);
        if (record != null) {
            terminal.println("  recording to " + record);
        }
        terminal.println("Ctrl-C stops.");
    }

    private static String hostFor(String literal) {
        return literal.contains(":") ? "[" + literal + "]" : literal;
    }

    /** An address other machines can use: the first non-loopback IPv4, else 127.0.0.1. */
    private static String guessHost() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (Exception e) {
            // fall through
        }
        return "127.0.0.1";
    }

    /** Why and after how much a player left, for its line: "end of stream, 812 KiB". */
    static String departure(ClientInfo c, DisconnectReason reason) {
        return reason.name().toLowerCase().replace('_', ' ') + ", " + c.bytesSent() / 1024 + " KiB"
                + (c.packetsSkipped() > 0 ? ", " + c.packetsSkipped() + " packets skipped" : "");
    }

    /** A player for its lines: address, port, printable User-Agent and protocol. */
    static String who(ClientInfo c) {
        String address = c.address() instanceof Inet6Address ? "[" + c.address().getHostAddress() + "]"
                : c.address().getHostAddress();
        return address + ":" + c.port() + " " + (c.userAgent().isEmpty() ? "(no User-Agent)" : org.asfcast.netsink.ClientText.printable(c.userAgent()))
                + " " + (c.protocol() == org.asfcast.netsink.wire.ClientProtocol.MS_WMSP ? "MS-WMSP" : "HTTP");
    }

    private Thread statusLine(Terminal terminal, NetworkSink sink, Traffic traffic) {
        long start = System.nanoTime();
        Thread t = new Thread(() -> {
            long lastBytes = 0;
            long lastTime = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                long bytes = traffic.total(sink.clients());
                long now = System.nanoTime();
                double kbits = (bytes - lastBytes) * 8.0 / ((now - lastTime) / 1e9) / 1000;
                lastBytes = bytes;
                lastTime = now;
                Duration up = Duration.ofNanos(now - start);
                terminal.status(String.format("%d client%s | out %.0f kbit/s | up %02d:%02d:%02d",
                        sink.clientCount(), sink.clientCount() == 1 ? "" : "s", kbits,
                        up.toHours(), up.toMinutesPart(), up.toSecondsPart()));
            }
        }, "asfcast-status");
        t.setDaemon(true);
        if (terminal.interactive()) {
            t.start();
        }
        return t;
    }

    /** Bytes sent in all: to clients that left, plus to those still here. */
    private static final class Traffic {
        private final AtomicLong departed = new AtomicLong();

        void departed(long bytes) {
            departed.addAndGet(bytes);
        }

        long total(List<ClientInfo> present) {
            return departed.get() + present.stream().mapToLong(ClientInfo::bytesSent).sum();
        }
    }
}
