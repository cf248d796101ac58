package org.asfcast.writer.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfReader;
import org.asfcast.writer.PacketDelivery;
import org.asfcast.writer.Source;
import org.asfcast.writer.WriterSink;

/**
 * Relays a live ASF byte stream (for example {@code ffmpeg -re -i input -c:v wmv2 -c:a wmav2 -f
 * asf -} on standard input) packet by packet: the header made live, then each packet as it
 * arrives (never before its send time, so a file piped in plays in real time too). A new header
 * in the input (an encoder restarted into the same pipe) continues the broadcast: with the same
 * settings seamlessly, timestamps going on; with others the sinks get the new header. The end of
 * the input ends the broadcast cleanly.
 */
public final class PipeRelay implements Source {

    private final InputStream input;
    private final String name;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile LiveRelay relay;

    /** A relay of {@code input}, called {@code name} in messages ("standard input"). */
    public PipeRelay(InputStream input, String name) {
        this.input = input;
        this.name = name;
    }

    /** Packets relayed so far. */
    public long packetsSent() {
        LiveRelay live = relay;
        return live == null ? 0 : live.packetsSent();
    }

    /**
     * Reads the header, then relays packets until the input ends or {@link #stop()}.
     *
     * @throws AsfFormatException when the input is not ASF, or breaks mid-stream (the message names the byte)
     */
    @Override
    public void run(List<WriterSink> sinks) throws IOException, AsfFormatException, InterruptedException {
        AsfReader reader = AsfReader.of(input);
        PacketDelivery delivery = new PacketDelivery(sinks, stopped);
        LiveRelay live = new LiveRelay(delivery, stopped);
        relay = live;
        try {
            live.relay(reader);
        } finally {
            delivery.end();
        }
    }

    @Override
    public void stop() {
        stopped.set(true);
    }

    @Override
    public String describe() {
        return "ASF from " + name;
    }
}
