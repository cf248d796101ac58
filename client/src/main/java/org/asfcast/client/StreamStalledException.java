package org.asfcast.client;

import java.net.SocketTimeoutException;

/**
 * The server sent nothing for longer than the read timeout. It is a {@link SocketTimeoutException}
 * (so generic I/O handling still sees a timeout) whose message says where in the stream the
 * client was waiting, which tells a stalled server from a slow one.
 */
public final class StreamStalledException extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    /**
     * @param server        "host:port"
     * @param timeoutMillis the read timeout that expired
     * @param offset        bytes of the response received before the stall
     */
    public StreamStalledException(String server, long timeoutMillis, long offset) {
        super(server + " sent nothing for " + timeoutMillis + " ms after " + offset + " bytes of its response");
        this.offset = offset;
    }

    /** Bytes of the response received before the stall. */
    public long offset() {
        return offset;
    }
}
