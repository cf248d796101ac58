package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.asfcast.netsink.wire.ChunkFramer;

/**
 * A player's packets straight from the file's shared {@link ArchiveMapping}: each {@code $D} chunk
 * goes out as its 12-byte header (from a small buffer framed per write) and a slice of the mapped
 * packet, so the player holds no copy of the file at all, only its place in it. Ranges are checked
 * resident before they are written ({@link #RANGE_PACKETS} packets at a time) and faulted in on the
 * reader when they are not, so a write never waits for the disk.
 */
final class MappedFeed implements PacketFeed {

    /** The range checked resident at a time: about 256 KiB of packets, a fraction of a second of the fast start. */
    static final int RANGE_BYTES = 256 << 10;

    private final ArchiveMapping mapping;
    private final Executor reader;
    private final Channel channel;
    private final int packetSize;
    private final int rangePackets;
    private long residentUntil; // packets before it were found resident (players only go forward)

    MappedFeed(ArchiveMapping mapping, Executor reader, Channel channel) {
        this.mapping = mapping;
        this.reader = reader;
        this.channel = channel;
        this.packetSize = mapping.packetSize();
        this.rangePackets = Math.max(1, RANGE_BYTES / packetSize);
    }

    @Override
    public int ready(long packet) {
        if (packet >= mapping.packetCount()) {
            return 0;
        }
        if (packet >= residentUntil) {
            int resident = mapping.isResident(packet, rangePackets);
            if (resident == 0) {
                return 0;
            }
            residentUntil = packet + resident;
        }
        return (int) Math.min(Integer.MAX_VALUE, residentUntil - packet);
    }

    @Override
    public void fetch(long packet, Consumer<Exception> done) {
        reader.execute(() -> {
            Exception failure = null;
            int loaded = 0;
            try {
                loaded = mapping.load(packet, rangePackets);
            } catch (IOException e) {
                failure = e;
            }
            int covered = loaded;
            Exception failed = failure;
            channel.eventLoop().execute(() -> {
                if (failed == null) {
                    residentUntil = Math.max(residentUntil, packet + covered);
                }
                done.accept(failed);
            });
        });
    }

    @Override
    public long write(long first, int count) {
        int headersLength = count * ChunkFramer.CHUNK_HEADER_LENGTH;
        ByteBuf headers = channel.alloc().directBuffer(headersLength);
        try {
            ByteBuffer framing = headers.nioBuffer(0, headersLength);
            for (int i = 0; i < count; i++) {
                ChunkFramer.writeDataHeader(framing, packetSize, first + i);
            }
            headers.writerIndex(headersLength);
            for (int i = 0; i < count; i++) {
                channel.write(headers.retainedSlice(i * ChunkFramer.CHUNK_HEADER_LENGTH, ChunkFramer.CHUNK_HEADER_LENGTH),
                        channel.voidPromise());
                channel.write(mapping.packet(first + i), channel.voidPromise());
            }
        } finally {
            headers.release();
        }
        return (long) count * (ChunkFramer.CHUNK_HEADER_LENGTH + packetSize);
    }

    @Override
    public void release() {
        // Nothing of its own: the mapping is the file's, and what was written the socket releases.
    }
}
