package org.asfcast.client.relay;

import java.io.IOException;
import java.util.Optional;
import org.asfcast.client.StreamException;

/** What one connection to the origin yields, after the header it started with: packets, and a new header where one came. */
interface UpstreamPackets {

    /**
     * The next packet at the header's full size (with, when the origin changed its header before
     * it, that header), or empty once the origin ended the stream or closed the connection.
     */
    Optional<Item> next() throws IOException, StreamException;

    /**
     * One step of the stream.
     *
     * @param header     a new header (Header Object and Data Object header) that comes before the packet, or null
     * @param packet     the packet, full size
     * @param sentLength how many of its bytes came from the origin (the rest is padding the client added)
     */
    record Item(byte[] header, byte[] packet, int sentLength) {
    }
}
