package org.asfcast.writer.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.LiveProfile;
import org.asfcast.writer.PacketDelivery;
import org.asfcast.writer.Source;
import org.asfcast.writer.WriterSink;

/**
 * Relays a live ASF byte stream (for example {@code ffmpeg -re -i input -c:v wmv2 -c:a wmav2 -f
 * asf -} on standard input) packet by packet: the header made live, then each packet as it
 * arrives (never before its send time, so a file piped in plays in real time too). The end of the
 * input ends the broadcast cleanly.
 */
public final class PipeRelay implements Source {

    private final InputStream input;
    private final String name;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile long packetsSent;

    /** A relay of {@code input}, called {@code name} in messages ("standard input"). */
    public PipeRelay(InputStream input, String name) {
        this.input = input;
        this.name = name;
    }

    /** Packets relayed so far. */
    public long packetsSent() {
        return packetsSent;
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
        delivery.header(LiveProfile.streamStart(reader.header()));
        try {
            for (Optional<byte[]> next; !stopped.get() && (next = reader.nextPacketBytes()).isPresent(); ) {
                byte[] packet = next.get();
                if (!delivery.packet(packet, DataPacket.parse(packet).sendTime())) {
                    break;
                }
                packetsSent++;
            }
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
