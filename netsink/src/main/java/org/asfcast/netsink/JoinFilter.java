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
import org.asfcast.asf.SelectedPackets;
import org.asfcast.netsink.wire.ChunkFramer;

/**
 * Cuts from a joining client's first packets what it cannot decode: fragments of media objects
 * whose start it never received, and video before the first key frame. A joiner starts at the
 * packet where a key frame begins, but that packet (and, for other streams, a few more) can also
 * carry the tail of an earlier object, which VLC's ASF demuxer would hand to the decoder as a whole
 * frame: a garbled first picture. The client gets its own copy of such a packet with those payloads
 * removed ({@link PayloadFilter}); the shared packets are never touched. For a client of a
 * {@link StreamSelection}, only its streams are waited for, and its copies, already without padding,
 * stay so ({@link SelectedPackets#keep}). Lives on one event loop.
 */
final class JoinFilter {

    /** After this many packets, stop looking (a declared stream may never send anything). */
    private static final int MAX_PACKETS = 200;

    private final Set<Integer> pending;
    private final Set<Integer> video;
    private final SelectedPackets compact; // null: full-size packets of every stream
    private int packetsLeft = MAX_PACKETS;

    JoinFilter(BroadcastHeader header) {
        this(header, null);
    }

    /** A filter for a client of {@code selection} (null: every stream). */
    JoinFilter(BroadcastHeader header, StreamSelection selection) {
        this.pending = new HashSet<>(selection == null ? header.streams() : selection.streams());
        this.video = header.videoStreams();
        this.compact = selection == null ? null
                : new SelectedPackets(selection.streams(), KeepAlivePacket.unusedStream(header.streams()));
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
        FramedPacket read;
        try {
            read = FramedPacket.of(framed);
        } catch (AsfFormatException e) {
            return framed; // the sink parsed it once already; cannot happen
        }
        byte[] packet = read.bytes();
        DataPacket parsed = read.parsed();
        Set<Integer> startedHere = new HashSet<>();
        if (compact != null) {
            return compacted(framed, packet, parsed, startedHere);
        }
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

    /** A selection's copy with the unusable payloads removed, or {@code framed} itself when all are usable. */
    private ByteBuf compacted(ByteBuf framed, byte[] packet, DataPacket parsed, Set<Integer> startedHere) {
        boolean[] cut = new boolean[1];
        byte[] kept = compact.keep(packet, parsed, p -> {
            boolean ok = usable(p, startedHere);
            cut[0] |= !ok;
            return ok;
        });
        pending.removeAll(startedHere);
        if (!cut[0]) {
            return framed;
        }
        long location = framed.getUnsignedIntLE(framed.readerIndex() + 4);
        ByteBuf copy = Unpooled.wrappedBuffer(ChunkFramer.dataChunk(kept, location));
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
