package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Set;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.Payload;
import org.asfcast.asf.SelectedPackets;
import org.asfcast.netsink.wire.ChunkFramer;

/**
 * The ring's packets as the players of one {@link StreamSelection} receive them: each rewritten
 * once ({@link SelectedPackets}: only the selected streams' payloads, no padding), framed as its
 * own {@code $D} chunk with the ring's sequence number, and marked where a key frame of a
 * <em>selected</em> video stream starts. Numbered like the ring, so a player's cursor means the
 * same packet in both. Not thread-safe: the ring keeps it under its lock.
 */
final class SelectionWindow {

    private final PacketWindow window = new PacketWindow();
    private final SelectedPackets rewrite;
    private final Set<Integer> video;
    private int users;

    SelectionWindow(StreamSelection selection, BroadcastHeader header) {
        this.rewrite = new SelectedPackets(selection.streams(), KeepAlivePacket.unusedStream(header.streams()));
        this.video = selection.videoStreams(header);
    }

    /** The rewritten packets (the window's own references). */
    PacketWindow window() {
        return window;
    }

    /** One more event loop reads this selection. */
    void use() {
        users++;
    }

    /** One loop fewer; returns whether none is left (then the caller clears and forgets it). */
    boolean unuse() {
        return --users == 0;
    }

    /**
     * Appends the rewrite of the ring's packet {@code seq} ({@code framed} is only read: the ring
     * keeps its reference).
     */
    void add(ByteBuf framed, long seq, long sendTime) {
        if (window.next() != seq) {
            throw new IllegalStateException("selection window at " + window.next() + " given packet " + seq);
        }
        int start = framed.readerIndex() + ChunkFramer.CHUNK_HEADER_LENGTH;
        byte[] packet = new byte[framed.writerIndex() - start];
        framed.getBytes(start, packet);
        DataPacket parsed;
        try {
            parsed = DataPacket.parse(packet);
        } catch (AsfFormatException e) {
            // The point parsed every packet before it reached the ring; cannot happen.
            throw new IllegalStateException("a packet in the ring is not valid ASF: " + e.getMessage(), e);
        }
        boolean keyStart = false;
        for (Payload p : parsed.payloads()) {
            if (p.keyFrame() && p.offset() == 0 && video.contains(p.streamNumber())) {
                keyStart = true;
                break;
            }
        }
        byte[] chunk = ChunkFramer.dataChunk(rewrite.rewrite(packet, parsed), seq & 0xFFFF_FFFFL);
        ByteBuf copy = PooledByteBufAllocator.DEFAULT.directBuffer(chunk.length, chunk.length);
        copy.writeBytes(chunk);
        window.add(copy, sendTime, keyStart);
    }
}
