package org.asfcast.writer.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
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
 * arrives (never before its send time, so a file piped in plays in real time too). A new header
 * in the input (an encoder restarted into the same pipe) continues the broadcast: with the same
 * settings seamlessly, timestamps going on; with others the sinks get the new header. The end of
 * the input ends the broadcast cleanly.
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
        byte[] streamStart = LiveProfile.streamStart(reader.header());
        delivery.header(streamStart);
        ContinuousTimeline timeline = new ContinuousTimeline();
        try {
            while (relayPackets(reader, delivery, timeline)) {
                Optional<AsfReader> following = reader.following();
                if (following.isEmpty()) {
                    break;
                }
                reader = following.get();
                byte[] nextStart = LiveProfile.streamStart(reader.header());
                if (Arrays.equals(nextStart, streamStart)) {
                    timeline.restart(); // the same encoder again: players play on
                } else {
                    // Different settings: the sinks replace the broadcast (players get $E, new ones the new header).
                    streamStart = nextStart;
                    delivery.header(streamStart);
                    timeline = new ContinuousTimeline();
                }
            }
        } finally {
            delivery.end();
        }
    }

    /** Relays one stream's packets; false when stopped. */
    private boolean relayPackets(AsfReader reader, PacketDelivery delivery, ContinuousTimeline timeline)
            throws IOException, AsfFormatException, InterruptedException {
        while (!stopped.get()) {
            long at = reader.position();
            Optional<byte[]> next = reader.nextPacketBytes();
            if (next.isEmpty()) {
                return true;
            }
            byte[] packet = next.get();
            DataPacket parsed = DataPacket.parse(packet, 0, packet.length, at);
            long sendTime;
            try {
                sendTime = timeline.place(packet, parsed);
            } catch (AsfFormatException e) {
                throw new AsfFormatException(at + e.offset(), e.problem()); // the retimer counts inside the packet
            }
            if (!delivery.packet(packet, sendTime)) {
                return false;
            }
            packetsSent++;
        }
        return false;
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
