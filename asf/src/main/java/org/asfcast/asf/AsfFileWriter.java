package org.asfcast.asf;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a finished, seekable ASF file from a header and a sequence of data packets. The file is
 * playable while it grows (it starts with a broadcast header, as a live stream does); {@link #close}
 * appends a Simple Index for each video stream and rewrites the header with the real file size,
 * packet count and durations, and the Seekable flag (what FFmpeg's and GStreamer's muxers do).
 *
 * <p><b>When writing fails</b> (a full disk, a file size limit, an I/O error), {@link #writePacket}
 * throws and takes no more packets; {@link #close} then finishes the file all the same with the whole
 * packets that reached it, cutting off a partial one. When there is no room left for the index, it
 * drops trailing packets (one buffer's worth at a time) until the index fits: the file is always
 * left finished, never half-written. {@link #packets()} tells how many packets it kept.
 */
public final class AsfFileWriter implements Closeable {
    private static final int BUFFER = 1 << 18;
    /** Flush points kept for going back when finishing needs room: 32 buffers, 8 MiB, an index for 16 days. */
    private static final int CHECKPOINTS = 32;

    private final SeekableByteChannel channel;
    private final AsfHeader header;
    private final int packetSize;
    private final long preroll;
    private final ByteBuffer pending;
    private final Map<Integer, KeyFrameTrack> videoTracks = new HashMap<>();
    private final long[] lastTime = new long[128];
    private final long[] previousTime = new long[128];
    private final int headerLength;
    private final long dataStart;
    private final ArrayDeque<Checkpoint> checkpoints = new ArrayDeque<>();
    private long packets;
    private long lastSendTime;
    private long flushedBytes;
    private IOException failure;
    private boolean closed;

    /**
     * What the writer knew when everything before it had reached the file (right after a flush):
     * finishing can go back to it, since the bytes after it are in the buffer or lost.
     */
    private record Checkpoint(long packets, long fileBytes, long lastSendTime, long[] lastTime, long[] previousTime,
                              Map<Integer, long[]> tracks) {
    }

    /** Key frames of one video stream, for its Simple Index. */
    private static final class KeyFrameTrack {
        final List<long[]> keyFrames = new ArrayList<>(); // {packet number, packet count, presentation time ms}
        long currentObject = -1;
    }

    /**
     * Starts a file on {@code channel} (written from position 0).
     *
     * @param header the header; its packet size and preroll govern the packets written
     */
    public AsfFileWriter(SeekableByteChannel channel, AsfHeader header) throws IOException {
        this.channel = channel;
        FileProperties fp = header.fileProperties();
        this.header = header.withFileProperties(fp.withPacketSize(fp.maxPacketSize()));
        this.packetSize = header.packetSize();
        this.preroll = header.preroll();
        for (StreamProperties stream : header.streams()) {
            if (stream.isVideo()) {
                videoTracks.put(stream.streamNumber(), new KeyFrameTrack());
            }
        }
        java.util.Arrays.fill(lastTime, -1);
        java.util.Arrays.fill(previousTime, -1);
        AsfHeader live = LiveProfile.header(this.header);
        byte[] head = live.toBytes();
        headerLength = head.length;
        dataStart = headerLength + DataObjectHeader.SIZE;
        pending = ByteBuffer.allocate(Math.max(BUFFER, packetSize));
        channel.position(0);
        channel.truncate(0);
        pending.put(head);
        pending.put(DataObjectHeader.live(live.fileProperties().fileId()).toBytes());
        flushPending(); // from here on the buffer holds whole packets only, so a failure can be cut back
        checkpoint();
    }

    /** Creates (or replaces) {@code file}. */
    public static AsfFileWriter create(Path file, AsfHeader header) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            return new AsfFileWriter(channel, header);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Appends one data packet of exactly the header's packet size.
     *
     * @throws AsfFormatException if the packet does not parse (nothing is written then)
     * @throws IOException        when writing fails; the writer takes no more packets then, and
     *                            {@link #close} finishes the file with what reached it
     */
    public void writePacket(byte[] packet) throws IOException, AsfFormatException {
        if (closed) {
            throw new IllegalStateException("the file is closed");
        }
        if (failure != null) {
            throw new IllegalStateException("writing failed before (" + failure.getMessage() + "); close finishes the file");
        }
        if (packet.length != packetSize) {
            throw new IllegalArgumentException("packet of " + packet.length + " bytes in a file of " + packetSize
                    + "-byte packets");
        }
        DataPacket parsed = DataPacket.parse(packet, 0, packetSize, 0);
        if (packet.length > pending.remaining()) {
            try {
                flushPending();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            checkpoint();
        }
        count(parsed);
        pending.put(packet);
    }

    private void count(DataPacket parsed) {
        for (Payload p : parsed.payloads()) {
            track(p);
        }
        lastSendTime = Math.max(lastSendTime, parsed.sendTime());
        packets++;
    }

    private void track(Payload p) {
        int stream = p.streamNumber();
        long time = p.presentationTime();
        if (time != Payload.UNKNOWN && time != lastTime[stream]) {
            previousTime[stream] = lastTime[stream];
            lastTime[stream] = time;
        }
        KeyFrameTrack track = videoTracks.get(stream);
        if (track == null) {
            return;
        }
        if (p.keyFrame() && p.offset() == 0 && time != Payload.UNKNOWN) {
            track.keyFrames.add(new long[] {packets, 1, time});
            track.currentObject = p.mediaObjectNumber();
        } else if (p.mediaObjectNumber() == track.currentObject && !track.keyFrames.isEmpty()) {
            long[] last = track.keyFrames.get(track.keyFrames.size() - 1);
            last[1] = packets - last[0] + 1;
        } else {
            track.currentObject = -1;
        }
    }

    /** Packets written so far; after a failed write and {@link #close}, the packets the file kept. */
    public long packets() {
        return packets;
    }

    /**
     * Media duration in ms of the packets written (kept) so far: the latest presentation end (last
     * time plus one frame interval) minus preroll.
     */
    public long durationMillis() {
        long duration = 0;
        for (int s = 1; s < 128; s++) {
            if (lastTime[s] >= 0) {
                long step = previousTime[s] >= 0 ? lastTime[s] - previousTime[s] : 0;
                duration = Math.max(duration, lastTime[s] + step - preroll);
            }
        }
        return Math.max(duration, lastSendTime);
    }

    /**
     * Appends the indexes, rewrites the header with the real values and closes the channel. After a
     * failed write, or when the disk fills up now, the file is finished with the whole packets that
     * reached it, dropping trailing ones until the index fits (see the class comment).
     *
     * @throws IOException when the file cannot be finished even without its packets
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failure == null) {
                try {
                    flushPending();
                    checkpoint();
                } catch (IOException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                keepWholePacketsOfFailedFlush();
            }
            finishDroppingTrailingPackets();
        } finally {
            channel.close();
        }
    }

    /** Back to the last flush, then forward over the packets of the failed one that reached the file whole. */
    private void keepWholePacketsOfFailedFlush() {
        Checkpoint last = checkpoints.getLast();
        long whole = Math.max(0, (flushedBytes - last.fileBytes()) / packetSize);
        restore(last);
        byte[] buffered = pending.array();
        for (int i = 0; i < whole; i++) {
            try {
                count(DataPacket.parse(buffered, i * packetSize, packetSize, 0));
            } catch (AsfFormatException e) {
                throw new IllegalStateException("a packet parsed before no longer does", e);
            }
        }
        pending.clear();
    }

    private void finishDroppingTrailingPackets() throws IOException {
        while (true) {
            try {
                finish();
                return;
            } catch (IOException noRoom) {
                // Go back one flush: that frees a buffer's worth of packets for the index.
                while (!checkpoints.isEmpty() && checkpoints.getLast().packets() >= packets) {
                    checkpoints.removeLast();
                }
                if (checkpoints.isEmpty()) {
                    throw new IOException("cannot finish the file even without its packets: " + noRoom.getMessage(), noRoom);
                }
                restore(checkpoints.getLast());
            }
        }
    }

    /** Cuts the file after packet {@code packets}, appends the indexes and rewrites the header. */
    private void finish() throws IOException {
        long dataEnd = dataStart + packets * packetSize;
        channel.truncate(dataEnd);
        channel.position(dataEnd);
        long durationMs = durationMillis();
        boolean allIndexed = true;
        for (KeyFrameTrack track : videoTracks.values()) {
            if (track.keyFrames.isEmpty()) {
                allIndexed = false;
                continue;
            }
            writeFully(ByteBuffer.wrap(index(track, durationMs).toBytes()));
        }
        long fileSize = channel.position();
        FileProperties fp = header.fileProperties();
        long flags = fp.flags() & ~(FileProperties.BROADCAST | FileProperties.SEEKABLE);
        if (allIndexed && packets > 0) {
            flags |= FileProperties.SEEKABLE;
        }
        FileProperties done = fp.withFlags(flags).withTotals(fileSize, packets,
                (durationMs + preroll) * 10_000, durationMs * 10_000);
        if (packets > 0 && durationMs > 0) {
            // The data's real rate: MPlayer turns a seek time into a byte offset with it, so a
            // declared rate far from the real one makes it seek to the wrong place.
            done = done.withMaxBitrate(Math.max(1, (packets * packetSize * 8 * 1000 + durationMs - 1) / durationMs));
        }
        byte[] head = header.withFileProperties(done).toBytes();
        if (head.length != headerLength) {
            throw new IllegalStateException("header length changed while finishing the file");
        }
        channel.position(0);
        writeFully(ByteBuffer.wrap(head));
        DataObjectHeader data = new DataObjectHeader(DataObjectHeader.SIZE + packets * packetSize, fp.fileId(),
                packets, 0x0101);
        writeFully(ByteBuffer.wrap(data.toBytes()));
    }

    private void checkpoint() {
        Map<Integer, long[]> tracks = new HashMap<>();
        videoTracks.forEach((stream, track) -> tracks.put(stream, new long[] {track.keyFrames.size(),
                track.keyFrames.isEmpty() ? 0 : track.keyFrames.get(track.keyFrames.size() - 1)[1], track.currentObject}));
        checkpoints.addLast(new Checkpoint(packets, flushedBytes, lastSendTime, lastTime.clone(), previousTime.clone(), tracks));
        if (checkpoints.size() > CHECKPOINTS) {
            checkpoints.removeFirst();
        }
    }

    private void restore(Checkpoint c) {
        packets = c.packets();
        lastSendTime = c.lastSendTime();
        System.arraycopy(c.lastTime(), 0, lastTime, 0, lastTime.length);
        System.arraycopy(c.previousTime(), 0, previousTime, 0, previousTime.length);
        videoTracks.forEach((stream, track) -> {
            long[] mark = c.tracks().get(stream);
            int size = (int) mark[0];
            track.keyFrames.subList(size, track.keyFrames.size()).clear();
            if (size > 0) {
                track.keyFrames.get(size - 1)[1] = mark[1];
            }
            track.currentObject = mark[2];
        });
    }

    /**
     * One entry per second of presentation time (which includes the preroll, as FFmpeg writes and
     * reads it): the last key frame starting at or before it.
     */
    private SimpleIndex index(KeyFrameTrack track, long durationMs) {
        List<SimpleIndex.Entry> entries = new ArrayList<>();
        long maxCount = 0;
        int k = 0;
        long intervalMs = SimpleIndex.ONE_SECOND / 10_000;
        for (long t = 0; t <= durationMs + preroll; t += intervalMs) {
            while (k + 1 < track.keyFrames.size() && track.keyFrames.get(k + 1)[2] <= t) {
                k++;
            }
            long[] key = track.keyFrames.get(k);
            int count = (int) Math.min(0xFFFF, key[1]);
            entries.add(new SimpleIndex.Entry(key[0], count));
            maxCount = Math.max(maxCount, count);
        }
        return new SimpleIndex(header.fileProperties().fileId(), SimpleIndex.ONE_SECOND, maxCount, entries);
    }

    private void flushPending() throws IOException {
        pending.flip();
        while (pending.hasRemaining()) {
            flushedBytes += channel.write(pending); // counted, so a failure knows how much reached the file
        }
        pending.clear();
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}
