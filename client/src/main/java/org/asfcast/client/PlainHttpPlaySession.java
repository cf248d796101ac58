package org.asfcast.client;

import java.io.IOException;
import java.util.Optional;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.AsfReader;

/**
 * A plain-HTTP GET whose body is raw ASF: the Header Object, the Data Object header, then
 * back-to-back packets of the header's packet size, read with the asf module's {@link AsfReader}.
 */
final class PlainHttpPlaySession implements PlaySession {
    private final HttpConnection connection;
    private final ResponseHead response;
    private final AsfReader reader;
    private final byte[] headerBytes;
    private volatile StreamEnd end;
    private long packets;

    private PlainHttpPlaySession(HttpConnection connection, ResponseHead response, AsfReader reader) {
        this.connection = connection;
        this.response = response;
        this.reader = reader;
        byte[] object = reader.headerBytes();
        byte[] data = reader.dataObject().toBytes();
        this.headerBytes = new byte[object.length + data.length];
        System.arraycopy(object, 0, headerBytes, 0, object.length);
        System.arraycopy(data, 0, headerBytes, object.length, data.length);
    }

    /** Reads the response head and the ASF header; closes the connection if that fails. */
    static PlainHttpPlaySession start(HttpConnection connection) throws IOException, StreamException {
        try {
            ResponseHead response = connection.readHead();
            AsfReader reader;
            try {
                reader = AsfReader.of(connection.input());
            } catch (AsfFormatException e) {
                throw invalid(response, e, "the body does not start with a valid ASF header");
            }
            return new PlainHttpPlaySession(connection, response, reader);
        } catch (IOException | StreamException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static StreamProtocolException invalid(ResponseHead response, AsfFormatException e, String what) {
        return new StreamProtocolException(response.size() + e.offset(), what + ": " + e.problem(), e);
    }

    @Override
    public Optional<ReceivedPacket> nextPacket() throws IOException, StreamException {
        if (end != null) {
            return Optional.empty();
        }
        long number = reader.nextPacketNumber();
        Optional<byte[]> bytes;
        try {
            bytes = reader.nextPacketBytes();
        } catch (AsfFormatException e) {
            throw invalid(response, e, "bad data packet");
        }
        if (bytes.isEmpty()) {
            end = new StreamEnd(StreamEnd.Kind.CONNECTION_CLOSED, 0);
            connection.close();
            return Optional.empty();
        }
        packets++;
        return Optional.of(new ReceivedPacket(number, 0, bytes.get().length, bytes.get()));
    }

    @Override
    public Optional<StreamDescription> description() {
        return Optional.empty();
    }

    @Override
    public ResponseHead response() {
        return response;
    }

    @Override
    public AsfHeader header() {
        return reader.header();
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
        return new PlayCounters(connection.position() - response.size(), packets, 0, 0, 0, 0, 0);
    }

    @Override
    public void close() {
        if (end == null) {
            end = new StreamEnd(StreamEnd.Kind.CLOSED_BY_CLIENT, 0);
        }
        connection.close();
    }
}
