package org.asfcast.client.relay;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.DataObjectHeader;
import org.asfcast.asf.Guid;
import org.asfcast.asf.LittleEndian;
import org.asfcast.client.StreamException;

/**
 * One connection to the origin as the raw ASF byte stream a pipe would carry: the header, then
 * the packets, full size, a changed header placed where it came. The writer's live relay reads it
 * as it reads an encoder's output, so that the origin's stream, its repeats and its changes of
 * header are handled as an encoder's restarts are. It remembers whether reading the origin failed
 * (so that a failing sink is told apart) and counts the bytes that came from the origin. Read by
 * one thread; {@link #bytesIn()} from any.
 */
final class PacketStream extends InputStream {

    private final UpstreamPackets upstream;
    private byte[] current;
    private int at;
    private boolean ended;
    private IOException failure;
    private volatile long bytesIn;
    private volatile long unpadded;

    /** The stream of {@code upstream}, whose header (as received) is {@code header}. */
    PacketStream(byte[] header, UpstreamPackets upstream) {
        this.upstream = upstream;
        this.current = complete(header);
        this.bytesIn = header.length;
    }

    /**
     * The header with its Data Object header: a {@code $H} normally holds both, but a server may
     * send the Header Object alone, and the ASF reader needs the 50 bytes to find the packets.
     */
    static byte[] complete(byte[] header) {
        if (header.length < 24 || LittleEndian.u64(header, 16) != header.length) {
            return header; // the Data Object header follows, or the header is broken (the reader says how)
        }
        Guid fileId;
        try {
            fileId = AsfHeader.parse(header).fileProperties().fileId();
        } catch (AsfFormatException | RuntimeException e) {
            return header;
        }
        byte[] data = DataObjectHeader.live(fileId).toBytes();
        byte[] both = new byte[header.length + data.length];
        System.arraycopy(header, 0, both, 0, header.length);
        System.arraycopy(data, 0, both, header.length, data.length);
        return both;
    }


    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || at == current.length) {
            if (ended || !advance()) {
                ended = true;
                return -1;
            }
        }
        int n = Math.min(len, current.length - at);
        System.arraycopy(current, at, b, off, n);
        at += n;
        return n;
    }

    /** What is left of the current piece: readers stop asking at a packet's end instead of waiting for the next. */
    @Override
    public int available() {
        return current == null ? 0 : current.length - at;
    }

    private boolean advance() throws IOException {
        Optional<UpstreamPackets.Item> next;
        try {
            next = upstream.next();
        } catch (IOException e) {
            failure = e;
            throw e;
        } catch (StreamException e) {
            failure = new IOException(e.getMessage(), e);
            throw failure;
        }
        if (next.isEmpty()) {
            return false;
        }
        UpstreamPackets.Item item = next.get();
        byte[] packet = item.packet();
        if (item.sentLength() < packet.length && !StrippedPadding.restore(packet, item.sentLength())) {
            unpadded++;
        }
        long in = item.sentLength();
        if (item.header() == null) {
            current = packet;
        } else {
            byte[] header = complete(item.header());
            in += item.header().length;
            current = new byte[header.length + packet.length];
            System.arraycopy(header, 0, current, 0, header.length);
            System.arraycopy(packet, 0, current, header.length, packet.length);
        }
        at = 0;
        bytesIn += in;
        return true;
    }

    /** What broke the reading of the origin, if it did (an error the relay then met came from there, not from a sink). */
    Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Bytes received from the origin: headers and packets as sent, without padding added here. */
    long bytesIn() {
        return bytesIn;
    }

    /** Packets sent short whose padding could not be accounted for (no Padding Length field to widen). */
    long unpadded() {
        return unpadded;
    }
}
