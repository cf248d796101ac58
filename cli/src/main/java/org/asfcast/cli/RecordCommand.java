package org.asfcast.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.PacketRetimer;
import org.asfcast.client.PlaySession;
import org.asfcast.client.ReceivedPacket;
import org.asfcast.writer.FileSink;
import org.asfcast.writer.WriterSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code asfcast record URL FILE}: save a live stream into a finished, seekable file. */
@Command(name = "record", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Plays a live stream like a Windows Media player and saves it into FILE: a finished,",
                "seekable ASF file (real duration, Simple Index), its timestamps starting at 0.",
                "Stops after --duration seconds, when the stream ends, or on Ctrl-C."})
final class RecordCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "mmsh://host:port/path or http://host:port/path")
    String url;

    @Parameters(index = "1", paramLabel = "FILE", description = "The file to write (.asf, .wmv or .wma).")
    Path file;

    @Option(names = "--duration", paramLabel = "S", description = "Stop after this many seconds (default: until the stream ends).")
    Integer duration;

    @Option(names = "--plain", description = "Ask as a plain HTTP client (raw ASF), not as a Windows Media player.")
    boolean plain;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        URI uri = Urls.parse(url);
        if (duration != null && duration < 1) {
            throw new Failures.UserError("--duration must be at least 1 second, not " + duration);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new Failures.UserError("no such directory: " + parent);
        }
        AtomicBoolean stop = new AtomicBoolean();
        StopSignals signals = StopSignals.onStop(() -> stop.set(true), "recording");
        long packets = 0;
        try (PlaySession play = Urls.askWmspThenPlain(uri, plain, c -> c.play(uri)).answer()) {
            WriterSink sink = new FileSink(file);
            sink.onHeader(ByteBuffer.wrap(play.headerBytes()));
            long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration * 1_000_000_000L;
            long shift = Long.MIN_VALUE;
            try {
                while (!stop.get() && System.nanoTime() < deadline) {
                    Optional<ReceivedPacket> next = play.nextPacket();
                    if (next.isEmpty()) {
                        break;
                    }
                    byte[] packet = next.get().bytes();
                    DataPacket parsed = DataPacket.parse(packet);
                    if (shift == Long.MIN_VALUE) {
                        // The file starts at 0, wherever in the broadcast the recording joined.
                        shift = -parsed.sendTime();
                    }
                    PacketRetimer.shift(packet, parsed, shift, stream -> 0);
                    sink.onDataUnit(ByteBuffer.wrap(packet));
                    packets++;
                }
            } finally {
                sink.onEndWriting();
            }
        }
        out.println("recorded " + packets + " packets into " + file);
        out.flush();
        signals.done();
        return 0;
    }
}
