package org.asfcast.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.Payload;
import org.asfcast.asf.StreamProperties;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.client.ReceivedPacket;
import org.asfcast.client.StreamDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code asfcast probe URL}: connect like a player, describe the stream, measure it for a while. */
@Command(name = "probe", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Connects like a Windows Media player and prints the stream's header (streams, codecs,",
                "sizes, packet size, preroll, live or not), then, after a few seconds of playing,",
                "the measured bitrate and key-frame interval."})
final class ProbeCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "URL", description = "mmsh://host:port/path or http://host:port/path")
    String url;

    @Option(names = "--seconds", paramLabel = "S", description = "How long to measure (default: ${DEFAULT-VALUE}).")
    int seconds = 5;

    @Option(names = "--plain", description = "Ask as a plain HTTP client (raw ASF), not as a Windows Media player.")
    boolean plain;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        URI uri = Urls.parse(url);
        if (seconds < 1 || seconds > 3600) {
            throw new Failures.UserError("--seconds must be 1..3600, not " + seconds);
        }
        Urls.Answer<StreamDescription> described = Urls.askWmspThenPlain(uri, plain, c -> c.describe(uri));
        MmshClient client = described.client();
        StreamDescription description = described.answer();
        out.println(uri + " (" + description.transport() + ")");
        for (String line : StreamSummary.lines(description.header(), description.broadcast())) {
            out.println(line);
        }
        List<Integer> video = description.header().streams().stream().filter(StreamProperties::isVideo)
                .map(StreamProperties::streamNumber).toList();
        out.flush();

        long packets = 0;
        long firstSend = -1;
        long lastSend = -1;
        List<Long> keyFrames = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        try (PlaySession play = client.play(description)) {
            while (System.nanoTime() < deadline) {
                Optional<ReceivedPacket> next = play.nextPacket();
                if (next.isEmpty()) {
                    out.println("the stream ended after " + packets + " packets");
                    break;
                }
                DataPacket p = next.get().parse();
                packets++;
                if (firstSend < 0) {
                    firstSend = p.sendTime();
                }
                lastSend = p.sendTime();
                for (Payload payload : p.payloads()) {
                    if (payload.keyFrame() && payload.offset() == 0 && video.contains(payload.streamNumber())
                            && (keyFrames.isEmpty() || keyFrames.get(keyFrames.size() - 1) != payload.presentationTime())) {
                        keyFrames.add(payload.presentationTime());
                    }
                }
            }
        }
        long span = lastSend - firstSend;
        if (packets > 1 && span > 0) {
            long bits = (packets - 1) * description.packetSize() * 8L;
            out.println("measured: " + packets + " packets over " + span + " ms of stream time, "
                    + StreamSummary.kbits(bits * 1000 / span));
        } else {
            out.println("measured: " + packets + " packet" + (packets == 1 ? "" : "s") + ", too few to measure a bitrate");
        }
        if (video.isEmpty()) {
            out.println("key frames: no video stream");
        } else if (keyFrames.size() >= 2) {
            long interval = (keyFrames.get(keyFrames.size() - 1) - keyFrames.get(0)) / (keyFrames.size() - 1);
            out.println("key frames: every " + interval + " ms (" + keyFrames.size() + " seen)");
        } else {
            out.println("key frames: " + keyFrames.size() + " seen, too few to measure an interval");
        }
        return 0;
    }
}
