package org.asfcast.writer.source;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.LiveProfile;
import org.asfcast.writer.PacketDelivery;

/**
 * One live broadcast fed by a succession of ASF inputs (streams following each other in one pipe,
 * or the outputs of a command started again and again). It keeps what must outlive an input: the
 * live header the sinks have and the timeline. An input whose header is the same as the one before
 * continues seamlessly (send times and media object numbers go on); one with another header hands
 * the sinks that header and starts a new timeline. Public for the relay of another server's stream
 * (the client module's relay source), which feeds it one upstream connection after another.
 */
public final class LiveRelay {

    private final PacketDelivery delivery;
    private final AtomicBoolean stopped;
    private byte[] streamStart;
    private ContinuousTimeline timeline = new ContinuousTimeline();
    private volatile long packetsSent;

    /** A relay into {@code delivery} that gives up when {@code stopped} is set. */
    public LiveRelay(PacketDelivery delivery, AtomicBoolean stopped) {
        this.delivery = delivery;
        this.stopped = stopped;
    }

    /** Packets relayed so far, over every input. */
    public long packetsSent() {
        return packetsSent;
    }

    /** Whether a header has reached the sinks yet. */
    public boolean started() {
        return streamStart != null;
    }

    /**
     * Relays {@code reader}'s stream, then every stream that follows it in the same input, until
     * the input ends (true) or the relay is stopped (false).
     *
     * @throws AsfFormatException when the input breaks (the message names the byte)
     * @throws IOException        when the input cannot be read, or every sink has failed
     */
    public boolean relay(AsfReader reader) throws IOException, AsfFormatException, InterruptedException {
        while (true) {
            begin(LiveProfile.streamStart(reader.header()));
            if (!relayPackets(reader)) {
                return false;
            }
            Optional<AsfReader> following = reader.following();
            if (following.isEmpty()) {
                return true;
            }
            reader = following.get();
        }
    }

    private void begin(byte[] nextStart) throws IOException {
        if (streamStart != null && Arrays.equals(nextStart, streamStart)) {
            timeline.restart(); // the same encoder again: players play on
            return;
        }
        // The first header, or different settings: the sinks replace the broadcast (players get $E, new ones the new header).
        if (streamStart != null) {
            timeline = new ContinuousTimeline();
        }
        streamStart = nextStart;
        delivery.header(streamStart);
    }

    /** Relays one stream's packets; false when stopped. */
    private boolean relayPackets(AsfReader reader) throws IOException, AsfFormatException, InterruptedException {
        WholeObjects whole = new WholeObjects();
        while (!stopped.get()) {
            long at = reader.position();
            Optional<byte[]> next;
            DataPacket parsed;
            long sendTime;
            try {
                next = reader.nextPacketBytes();
                if (next.isEmpty()) {
                    // The input ended: what it held still goes, the objects it never finished cut out.
                    return deliver(whole.end());
                }
                parsed = DataPacket.parse(next.get(), 0, next.get().length, at);
                try {
                    sendTime = timeline.place(next.get(), parsed);
                } catch (AsfFormatException e) {
                    throw new AsfFormatException(at + e.offset(), e.problem()); // the retimer counts inside the packet
                }
            } catch (AsfFormatException | IOException e) {
                deliver(whole.end()); // the input broke: likewise
                throw e;
            }
            if (!deliver(whole.offer(next.get(), parsed, sendTime))) {
                return false;
            }
        }
        return false;
    }

    private boolean deliver(List<WholeObjects.Ready> ready) throws IOException, InterruptedException {
        for (WholeObjects.Ready r : ready) {
            if (!delivery.packet(r.packet(), r.sendTime())) {
                return false;
            }
            packetsSent++;
        }
        return true;
    }
}
