package org.asfcast.client;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.asfcast.asf.AsfHeader;

/**
 * An MS-WMSP Play: reads the {@code $H} the response starts with, then turns {@code $D} chunks
 * into full-size packets, padding short ones as FFmpeg, VLC and MPlayer do. A repeated
 * {@code $H} (VLC's server sends one each time its input loops) is skipped, as VLC's client
 * does; after a {@code $C} the next {@code $H} becomes the header in effect.
 */
final class WmspPlaySession implements PlaySession {
    private final HttpConnection connection;
    private final ResponseHead response;
    private final StreamDescription description;
    private final ChunkReader chunks;
    private AsfHeader header;
    private byte[] headerBytes;
    private boolean awaitingHeader;
    private volatile StreamEnd end;
    private long packets;
    private long paddedPackets;

    private WmspPlaySession(HttpConnection connection, ResponseHead response, StreamDescription description) {
        this.connection = connection;
        this.response = response;
        this.description = description;
        this.chunks = new ChunkReader(connection.input(), response.size());
        this.header = description.header();
        this.headerBytes = description.headerBytes();
    }

    /** Reads the Play response up to the header; closes the connection if that fails. */
    static WmspPlaySession start(HttpConnection connection, StreamDescription description)
            throws IOException, StreamException {
        try {
            WmspPlaySession session = new WmspPlaySession(connection, connection.readHead(), description);
            session.awaitingHeader = true;
            session.readUntilData();
            return session;
        } catch (IOException | StreamException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Handles chunks until a {@code $D} is next (pushed back) or the stream ends. */
    private Optional<Chunk.Data> readUntilData() throws IOException, StreamProtocolException {
        while (end == null) {
            Chunk chunk = chunks.next();
            if (chunk == null) {
                finish(new StreamEnd(StreamEnd.Kind.CONNECTION_CLOSED, 0));
            } else if (chunk instanceof Chunk.Data data) {
                if (awaitingHeader) {
                    awaitingHeader = false; // FFmpeg tolerates a Play without $H: keep the Describe's header
                    chunks.pushBack(data);
                    return Optional.empty();
                }
                return Optional.of(data);
            } else if (chunk instanceof Chunk.Header h) {
                if (awaitingHeader) {
                    ChunkReader.Header received = chunks.readHeader(h);
                    header = received.header();
                    headerBytes = received.bytes();
                    awaitingHeader = false;
                    return Optional.empty();
                }
            } else if (chunk instanceof Chunk.End e) {
                finish(new StreamEnd(StreamEnd.Kind.END_CHUNK, e.reason()));
            } else if (chunk instanceof Chunk.StreamChange) {
                awaitingHeader = true;
            }
            // other chunks ($M, $P, $T, unknown) are counted by the reader and skipped
        }
        return Optional.empty();
    }

    @Override
    public Optional<ReceivedPacket> nextPacket() throws IOException, StreamException {
        Optional<Chunk.Data> next;
        do {
            next = readUntilData();
        } while (next.isEmpty() && end == null);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        Chunk.Data data = next.get();
        int packetSize = header.packetSize();
        byte[] payload = data.payload();
        if (payload.length > packetSize) {
            throw new StreamProtocolException(data.offset(), "the $D chunk carries " + payload.length
                    + " bytes, more than the header's packet size " + packetSize + " (FFmpeg and MPlayer reject it)");
        }
        packets++;
        if (payload.length < packetSize) {
            paddedPackets++;
            return Optional.of(new ReceivedPacket(data.locationId(), data.afFlags(), payload.length,
                    Arrays.copyOf(payload, packetSize)));
        }
        return Optional.of(new ReceivedPacket(data.locationId(), data.afFlags(), payload.length, payload));
    }

    private void finish(StreamEnd reason) {
        end = reason;
        connection.close();
    }

    @Override
    public Optional<StreamDescription> description() {
        return Optional.of(description);
    }

    @Override
    public ResponseHead response() {
        return response;
    }

    @Override
    public AsfHeader header() {
        return header;
    }

    @Override
    public byte[] headerBytes() {
        return headerBytes.clone();
    }

    @Override
    public Optional<StreamEnd> endReason() {
        return Optional.ofNullable(end);
    }

    @Override
    public PlayCounters counters() {
        return new PlayCounters(chunks.bodyBytes(), packets, paddedPackets, chunks.headerChunks(),
                chunks.streamChanges(), chunks.otherChunks(), chunks.lengthMismatches());
    }

    @Override
    public void close() {
        if (end == null) {
            end = new StreamEnd(StreamEnd.Kind.CLOSED_BY_CLIENT, 0);
        }
        connection.close();
    }
}
