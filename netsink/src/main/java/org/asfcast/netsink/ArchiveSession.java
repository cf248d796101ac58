package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.ArchiveFile;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.SelectedPackets;
import org.asfcast.netsink.wire.ChunkFramer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MS-WMSP player of a file on demand: {@code $H}, then {@code $D} for each packet from the
 * start packet to the last (LocationId = the packet's number in the file, as [MS-WMSP] §2.2.3.1.2
 * asks), then {@code $E}. Packets are read off the event loop, a batch at a time (at most
 * {@link #BATCH_BYTES} framed), into the batch's own buffer: a player holds its file position, one or
 * two batches and what its socket holds, never a copy of the file. The first {@code preroll +
 * fastStart} of media go out as fast as the socket takes them; after that each packet waits for its
 * send time. Lives on its channel's event loop, but for the reads.
 *
 * <p>A player that selected some of the streams ({@code stream-switch-entry}) gets each packet
 * rewritten as the broadcast path rewrites it ({@link SelectedPackets}, form C: only the selected
 * streams' payloads, no padding; a packet with none left becomes a placeholder, so VLC's count of
 * {@code $D}s stays a packet count). The rewrite happens on the reader, packet by packet, into the
 * same batch buffer, which then holds shorter chunks: no second buffer per player.
 */
final class ArchiveSession {

    private static final Logger log = LoggerFactory.getLogger(ArchiveSession.class);
    static final int BATCH_BYTES = 64 << 10;
    private static final byte[] END_CHUNK = ChunkFramer.endChunk(ChunkFramer.REASON_NORMAL_END);
    /**
     * Once past its fast start, a player is served at most this often, each time with every packet
     * then due: a few writes a second, as the broadcast's delivery interval gives its players, instead
     * of a timer, a write and a flush per packet. Far below any preroll, so no player waits for it.
     */
    static final long PACING_INTERVAL_MS = 300;

    /**
     * Packets read and framed: {@code count} chunks from packet {@code first}; chunk {@code i} ends at
     * {@code ends[i]} in {@code data} (all {@code chunkLength} long unless the packets were rewritten).
     */
    private record Batch(ByteBuf data, long first, int count, int[] ends) {
        int start(int i) {
            return i == 0 ? 0 : ends[i - 1];
        }
    }

    private final ArchivePoint point;
    private final Channel channel;
    private final ArchiveFile file;
    private final Executor reader;
    private final long id;
    private final int chunkLength;
    private final int batchPackets;
    private final long leadMillis;
    private final long idleNanos;
    private final SelectedPackets selection; // null: every stream, packets as in the file
    private byte[] packetBytes; // see packetBytes(int)
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    private FileChannel input; // opened and read on the reader, closed on the loop once no read is out
    private long nextToRead;
    private long nextToSend;
    private int sentInBatch;
    private boolean reading;
    private boolean closed;
    private boolean timerSet;
    private io.netty.util.concurrent.ScheduledFuture<?> idleCheck;
    private long startNanos;
    private long startSendTime;
    private long lastProgressNanos;
    private volatile long bytesSent;

    /**
     * @param selection the rewrite for a player that selected some streams, or null for every stream
     */
    ArchiveSession(ArchivePoint point, Channel channel, ArchiveFile file, long startPacket, Executor reader, long id,
                   ArchiveSettings settings, SelectedPackets selection) {
        this.point = point;
        this.channel = channel;
        this.file = file;
        this.reader = reader;
        this.id = id;
        this.chunkLength = ChunkFramer.chunkLength(file.packetSize());
        this.batchPackets = Math.max(1, BATCH_BYTES / chunkLength);
        this.leadMillis = file.preroll() + settings.fastStart().toMillis();
        this.idleNanos = settings.idleTimeout().toNanos();
        this.nextToRead = startPacket;
        this.nextToSend = startPacket;
        this.selection = selection;
    }

    long id() {
        return id;
    }

    long bytesSent() {
        return bytesSent;
    }

    Channel channel() {
        return channel;
    }

    /** What this player needs once past its fast start: the file's average rate. */
    long bitsPerSecond() {
        return file.bitsPerSecond();
    }

    /** Sends the response head and the header, then the packets. */
    void start(byte[] responseHead) {
        startNanos = System.nanoTime();
        lastProgressNanos = startNanos;
        startSendTime = file.packetCount() > 0 ? file.sendTime(nextToSend) : 0;
        byte[] header = ChunkFramer.headerChunk(file.servedHeader());
        bytesSent += responseHead.length + header.length;
        channel.writeAndFlush(Unpooled.wrappedBuffer(responseHead, header));
        idleCheck = channel.eventLoop().scheduleAtFixedRate(this::checkIdle, idleNanos / 4, idleNanos / 4, TimeUnit.NANOSECONDS);
        pump();
    }

    /** Writes every packet that is due while the socket takes it; reads ahead; ends after the last. */
    void pump() {
        if (closed) {
            return;
        }
        boolean wrote = false;
        long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
        while (channel.isWritable() && !batches.isEmpty()) {
            Batch batch = batches.peek();
            int from = sentInBatch;
            int to = from;
            while (to < batch.count() && due(batch.first() + to, elapsedMillis)) {
                to++;
            }
            if (to > from) {
                int begin = batch.start(from);
                ByteBuf run = batch.data().retainedSlice(begin, batch.ends()[to - 1] - begin);
                bytesSent += run.readableBytes();
                channel.write(run, channel.voidPromise());
                wrote = true;
                sentInBatch = to;
                nextToSend = batch.first() + to;
            }
            if (sentInBatch == batch.count()) {
                batches.poll().data().release();
                sentInBatch = 0;
            } else {
                if (channel.isWritable()) {
                    waitFor(nextToSend, elapsedMillis); // the rest is not due yet (else the socket said stop)
                }
                break;
            }
        }
        readAhead();
        if (wrote) {
            lastProgressNanos = System.nanoTime();
            channel.flush();
        }
        if (nextToSend >= file.packetCount() && batches.isEmpty() && !reading) {
            end();
        }
    }

    private boolean due(long packet, long elapsedMillis) {
        return file.sendTime(packet) - startSendTime <= elapsedMillis + leadMillis;
    }

    private void waitFor(long packet, long elapsedMillis) {
        if (timerSet) {
            return;
        }
        long waitMillis = Math.max(PACING_INTERVAL_MS, file.sendTime(packet) - startSendTime - leadMillis - elapsedMillis);
        timerSet = true;
        channel.eventLoop().schedule(() -> {
            timerSet = false;
            pump();
        }, PacingGrid.delayNanos(System.nanoTime(), waitMillis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    /** Keeps one batch beyond the one being sent read, unless the file is done. */
    private void readAhead() {
        if (reading || closed || nextToRead >= file.packetCount() || batches.size() >= 2) {
            return;
        }
        reading = true;
        long first = nextToRead;
        int count = (int) Math.min(batchPackets, file.packetCount() - first);
        nextToRead += count;
        ByteBuf data = channel.alloc().directBuffer(count * chunkLength);
        try {
            reader.execute(() -> read(data, first, count, new int[count]));
        } catch (RuntimeException e) { // the reader is shutting down: the point is leaving
            data.release();
            reading = false;
            close(DisconnectReason.CLOSE);
        }
    }

    /**
     * On the reader: reads {@code count} packets from {@code first} with one positional read (a file's
     * packets are contiguous), then frames them into {@code data} (rewritten for the selection, if
     * any), recording where each chunk ends in {@code ends}. One read per batch, not per packet: with
     * thousands of players the system calls were most of an on-demand player's cost.
     */
    private void read(ByteBuf data, long first, int count, int[] ends) {
        Exception failure = null;
        try {
            if (input == null) {
                input = FileChannel.open(file.path(), StandardOpenOption.READ);
            }
            int size = file.packetSize();
            ByteBuffer raw = RAW.get().take(count * size);
            long position = file.filePosition(first);
            while (raw.hasRemaining()) {
                if (input.read(raw, position + raw.position()) < 0) {
                    throw endedEarly(first + raw.position() / size);
                }
            }
            raw.flip();
            for (int i = 0; i < count; i++) {
                raw.limit((i + 1) * size).position(i * size);
                if (selection == null) {
                    frame(data, first + i, raw, size);
                } else {
                    raw.get(packetBytes(size));
                    byte[] kept = selection.rewrite(packetBytes, DataPacket.parse(packetBytes));
                    frame(data, first + i, ByteBuffer.wrap(kept), kept.length);
                }
                ends[i] = data.writerIndex();
            }
        } catch (IOException | AsfFormatException e) {
            // The catalog parsed every packet when it indexed the file; a parse failure means it changed.
            failure = e;
        }
        Exception failed = failure;
        channel.eventLoop().execute(() -> arrived(new Batch(data, first, count, ends), failed));
    }

    /** Appends {@code length} bytes of {@code packet} behind their {@code $D} header, numbered {@code number}. */
    private static void frame(ByteBuf data, long number, ByteBuffer packet, int length) {
        ChunkFramer.writeDataHeader(data.nioBuffer(data.writerIndex(), ChunkFramer.CHUNK_HEADER_LENGTH), length, number);
        data.writerIndex(data.writerIndex() + ChunkFramer.CHUNK_HEADER_LENGTH).writeBytes(packet);
    }

    /** The reader's copy of one packet when rewriting (one read is out at a time). */
    private byte[] packetBytes(int size) {
        if (packetBytes == null) {
            packetBytes = new byte[size];
        }
        return packetBytes;
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

    private IOException endedEarly(long packet) {
        return new IOException("the file ended at packet " + packet + " of " + file.packetCount() + ": it changed on disk");
    }

    private void arrived(Batch batch, Exception failure) {
        reading = false;
        if (closed || failure != null) {
            batch.data().release();
            if (failure != null && !closed) {
                log.warn("player {} of {}: reading {} failed: {}", id, point.name(), file.path(), failure.getMessage());
                close(DisconnectReason.ERROR);
            } else {
                closeInput();
            }
            return;
        }
        batches.add(batch);
        pump();
    }

    private void checkIdle() {
        if (!closed && !channel.isWritable() && System.nanoTime() - lastProgressNanos > idleNanos) {
            log.info("player {} of {} took nothing for {} s: its slot is freed", id, point.name(), idleNanos / 1_000_000_000);
            close(DisconnectReason.SLOW);
        }
    }

    /** Ends the stream with {@code $E} (after the last packet, or when the point leaves the server). */
    void end() {
        if (leave(DisconnectReason.END_OF_STREAM)) {
            bytesSent += END_CHUNK.length;
            channel.writeAndFlush(Unpooled.wrappedBuffer(END_CHUNK)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    void close(DisconnectReason reason) {
        if (leave(reason)) {
            channel.close();
        }
    }

    private boolean leave(DisconnectReason reason) {
        if (closed) {
            return false;
        }
        closed = true;
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        while (!batches.isEmpty()) {
            batches.poll().data().release();
        }
        if (!reading) {
            closeInput();
        }
        point.sessionEnded(this, reason);
        return true;
    }

    private void closeInput() {
        if (input != null) {
            try {
                input.close();
            } catch (IOException e) {
                log.debug("closing {}: {}", file.path(), e.toString());
            }
            input = null;
        }
    }
}
