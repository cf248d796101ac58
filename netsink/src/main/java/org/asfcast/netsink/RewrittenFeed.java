package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.asfcast.asf.ArchiveFile;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.SelectedPackets;
import org.asfcast.netsink.wire.ChunkFramer;

/**
 * The packets of a player that selected some of the streams ({@code stream-switch-entry}): each is
 * rewritten as the broadcast path rewrites it ({@link SelectedPackets}, form C: only the selected
 * streams' payloads, no padding; a packet with none left becomes a placeholder, so VLC's count of
 * {@code $D}s stays a packet count). The reader reads a batch of packets with one positional read
 * into a buffer it shares with every player it reads for, and frames the rewritten packets into the
 * batch's own buffer, which the player then sends from: one batch of at most {@link #BATCH_BYTES}
 * per player, never a copy of the file.
 */
final class RewrittenFeed implements PacketFeed {

    static final int BATCH_BYTES = 64 << 10;

    /** {@code count} chunks from packet {@code first}; chunk {@code i} ends at {@code ends[i]} in {@code data}. */
    private record Batch(ByteBuf data, long first, int count, int[] ends) {
        int start(int i) {
            return i == 0 ? 0 : ends[i - 1];
        }
    }

    private final ArchiveFile file;
    private final SelectedPackets selection;
    private final Executor reader;
    private final Channel channel;
    private final int batchPackets;
    private byte[] packetBytes; // the reader's copy of one packet (one read is out at a time)
    private FileChannel input; // opened and read on the reader, closed on the loop with no read out
    private Batch batch;

    RewrittenFeed(ArchiveFile file, SelectedPackets selection, Executor reader, Channel channel) {
        this.file = file;
        this.selection = selection;
        this.reader = reader;
        this.channel = channel;
        this.batchPackets = Math.max(1, BATCH_BYTES / ChunkFramer.chunkLength(file.packetSize()));
    }

    @Override
    public int ready(long packet) {
        if (batch != null && packet >= batch.first() + batch.count()) {
            batch.data().release();
            batch = null;
        }
        return batch == null || packet < batch.first() ? 0 : (int) (batch.first() + batch.count() - packet);
    }

    @Override
    public void fetch(long packet, Consumer<Exception> done) {
        int count = (int) Math.min(batchPackets, file.packetCount() - packet);
        ByteBuf data = channel.alloc().directBuffer(count * ChunkFramer.chunkLength(file.packetSize()));
        try {
            reader.execute(() -> {
                int[] ends = new int[count];
                Exception failure = read(data, packet, count, ends);
                channel.eventLoop().execute(() -> {
                    if (failure == null) {
                        if (batch != null) {
                            batch.data().release();
                        }
                        batch = new Batch(data, packet, count, ends);
                    } else {
                        data.release();
                    }
                    done.accept(failure);
                });
            });
        } catch (RuntimeException e) { // the reader is stopping
            data.release();
            throw e;
        }
    }

    /** On the reader: one positional read of the batch (a file's packets are contiguous), then the rewrites. */
    private Exception read(ByteBuf data, long first, int count, int[] ends) {
        try {
            if (input == null) {
                input = FileChannel.open(file.path(), StandardOpenOption.READ);
            }
            int size = file.packetSize();
            ByteBuffer raw = RAW.get().take(count * size);
            long position = file.filePosition(first);
            while (raw.hasRemaining()) {
                if (input.read(raw, position + raw.position()) < 0) {
                    throw new IOException("the file ended at packet " + (first + raw.position() / size) + " of "
                            + file.packetCount() + ": it changed on disk");
                }
            }
            raw.flip();
            if (packetBytes == null) {
                packetBytes = new byte[size];
            }
            for (int i = 0; i < count; i++) {
                raw.limit((i + 1) * size).position(i * size);
                raw.get(packetBytes);
                // The catalog parsed every packet when it indexed the file; a parse failure means it changed.
                byte[] kept = selection.rewrite(packetBytes, DataPacket.parse(packetBytes));
                ChunkFramer.writeDataHeader(data.nioBuffer(data.writerIndex(), ChunkFramer.CHUNK_HEADER_LENGTH),
                        kept.length, first + i);
                data.writerIndex(data.writerIndex() + ChunkFramer.CHUNK_HEADER_LENGTH).writeBytes(kept);
                ends[i] = data.writerIndex();
            }
            return null;
        } catch (IOException | AsfFormatException e) {
            return e;
        }
    }

    @Override
    public long write(long first, int count) {
        int from = (int) (first - batch.first());
        int begin = batch.start(from);
        int length = batch.ends()[from + count - 1] - begin;
        channel.write(batch.data().retainedSlice(begin, length), channel.voidPromise());
        return length;
    }

    @Override
    public void release() {
        if (batch != null) {
            batch.data().release();
            batch = null;
        }
        if (input != null) {
            try {
                input.close();
            } catch (IOException e) {
                // Only read from: nothing was lost.
            }
            input = null;
        }
    }

    /**
     * A reader thread's buffer for one batch's raw packets: shared by every player that thread reads
     * for, so a player holds no read buffer of its own.
     */
    private static final class RawBatch {
        private ByteBuffer buffer = ByteBuffer.allocateDirect(BATCH_BYTES);

        ByteBuffer take(int bytes) {
            if (buffer.capacity() < bytes) {
                buffer = ByteBuffer.allocateDirect(bytes);
            }
            return buffer.clear().limit(bytes);
        }
    }

    private static final ThreadLocal<RawBatch> RAW = ThreadLocal.withInitial(RawBatch::new);
}
