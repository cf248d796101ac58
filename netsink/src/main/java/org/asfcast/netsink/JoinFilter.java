package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.Payload;
import org.asfcast.asf.PayloadFilter;
import org.asfcast.netsink.wire.ChunkFramer;

/**
 * Cuts from a joining client's first packets what it cannot decode: fragments of media objects
 * whose start it never received, and video before the first key frame. A joiner starts at the
 * packet where a key frame begins, but that packet (and, for other streams, a few more) can also
 * carry the tail of an earlier object, which VLC's ASF demuxer would hand to the decoder as a whole
 * frame: a garbled first picture. The client gets its own copy of such a packet with those payloads
 * removed ({@link PayloadFilter}); the shared packets are never touched. Lives on one event loop.
 */
final class JoinFilter {

    /** After this many packets, stop looking (a declared stream may never send anything). */
    private static final int MAX_PACKETS = 200;

    private final Set<Integer> pending;
    private final Set<Integer> video;
    private int packetsLeft = MAX_PACKETS;

    JoinFilter(BroadcastHeader header) {
        this.pending = new HashSet<>(header.streams());
        this.video = header.videoStreams();
    }

    /** Whether every stream has shown a clean start, so no later fragment needs cutting. */
    boolean done() {
        return pending.isEmpty() || packetsLeft <= 0;
    }

    /**
     * What to send this client for the {@code $D} chunk {@code framed}: the chunk itself, a new
     * chunk with some payloads removed, or null when nothing in it is usable (skip it). When the
     * result is not {@code framed}, {@code framed} has been released.
     */
    ByteBuf apply(ByteBuf framed) {
        packetsLeft--;
        int start = framed.readerIndex() + ChunkFramer.CHUNK_HEADER_LENGTH;
        byte[] packet = new byte[framed.writerIndex() - start];
        framed.getBytes(start, packet);
        DataPacket parsed;
        try {
            parsed = DataPacket.parse(packet);
        } catch (AsfFormatException e) {
            return framed; // the sink parsed it once already; cannot happen
        }
        Set<Integer> startedHere = new HashSet<>();
        Optional<byte[]> kept = PayloadFilter.keep(packet, parsed, p -> usable(p, startedHere));
        pending.removeAll(startedHere);
        if (kept.isPresent() && kept.get() == packet) {
            return framed;
        }
        if (kept.isEmpty()) {
            framed.release();
            return null;
        }
        ByteBuf copy = Unpooled.buffer(ChunkFramer.CHUNK_HEADER_LENGTH + packet.length);
        copy.writeBytes(framed, framed.readerIndex(), ChunkFramer.CHUNK_HEADER_LENGTH);
        copy.writeBytes(kept.get());
        framed.release();
        return copy;
    }

    private boolean usable(Payload p, Set<Integer> startedHere) {
        int stream = p.streamNumber();
        if (!pending.contains(stream) || startedHere.contains(stream)) {
            return true;
        }
        // Video must start on a key frame; other streams on any object start.
        boolean starts = (p.compressed() || p.offset() == 0) && (p.keyFrame() || !video.contains(stream));
        if (starts) {
            startedHere.add(stream);
        }
        return starts;
    }
}
