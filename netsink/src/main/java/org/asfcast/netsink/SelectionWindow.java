package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Set;
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

    /** Appends the rewrite of the ring's packet {@code seq}, read back once for every selection. */
    void add(FramedPacket packet, long seq, long sendTime) {
        if (window.next() != seq) {
            throw new IllegalStateException("selection window at " + window.next() + " given packet " + seq);
        }
        boolean keyStart = false;
        for (Payload p : packet.parsed().payloads()) {
            if (p.keyFrame() && p.offset() == 0 && video.contains(p.streamNumber())) {
                keyStart = true;
                break;
            }
        }
        byte[] kept = rewrite.rewrite(packet.bytes(), packet.parsed());
        int length = ChunkFramer.chunkLength(kept.length);
        ByteBuf copy = PooledByteBufAllocator.DEFAULT.directBuffer(length, length);
        ChunkFramer.writeDataHeader(copy.nioBuffer(0, ChunkFramer.CHUNK_HEADER_LENGTH), kept.length, seq);
        copy.writerIndex(ChunkFramer.CHUNK_HEADER_LENGTH).writeBytes(kept);
        window.add(copy, sendTime, keyStart);
    }
}
