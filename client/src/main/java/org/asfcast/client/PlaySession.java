package org.asfcast.client;

import java.io.IOException;
import java.util.Optional;
import org.asfcast.asf.AsfHeader;

/**
 * A stream being played: the header, then full-size ASF data packets until the server ends the
 * stream or closes the connection. Reads block for at most the client's read timeout each. Not
 * thread-safe; {@link #close()} may be called from another thread to abort a blocked read.
 */
public sealed interface PlaySession extends AutoCloseable permits WmspPlaySession, PlainHttpPlaySession {

    /** The Describe that preceded the Play (MS-WMSP only; plain HTTP has no Describe). */
    Optional<StreamDescription> description();

    /** The head of the Play (or plain GET) response. */
    ResponseHead response();

    /** The ASF header in effect: the Play's {@code $H} (or the Describe's, if the Play had none). */
    AsfHeader header();

    /** The header as received: Header Object, normally followed by the 50-byte Data Object header. */
    byte[] headerBytes();

    /**
     * The next data packet, always exactly the header's packet size, or empty once the stream
     * ended ({@code $E}, connection closed, or {@link #close()}); see {@link #endReason()}.
     *
     * @throws StreamStalledException  when the server sends nothing for the read timeout
     * @throws StreamProtocolException when the stream is malformed or cut off inside a chunk or packet
     */
    Optional<ReceivedPacket> nextPacket() throws IOException, StreamException;

    /** How the stream ended; empty while it is still playing. */
    Optional<StreamEnd> endReason();

    /** What was received so far. */
    PlayCounters counters();

    /** Closes the connection; a stream not yet ended ends as {@link StreamEnd.Kind#CLOSED_BY_CLIENT}. */
    @Override
    void close();
}
