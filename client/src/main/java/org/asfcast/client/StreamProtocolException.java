package org.asfcast.client;

/**
 * The server's response is not a stream a Windows Media player could play: a malformed HTTP
 * response head, a chunk length that cannot be right, a chunk cut off by the end of the
 * connection, or an ASF header or packet that does not parse. The message names the byte offset
 * (counted from the first byte of the HTTP response, unless the decoder was told otherwise) and
 * what was wrong.
 */
public final class StreamProtocolException extends StreamException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String problem;

    /**
     * @param offset  the byte offset in the response where the problem was found
     * @param problem what was wrong, as a sentence fragment ("PacketLength 3 of a $D chunk is below 8")
     */
    public StreamProtocolException(long offset, String problem) {
        super("invalid stream at byte " + offset + ": " + problem);
        this.offset = offset;
        this.problem = problem;
    }

    /** Like {@link #StreamProtocolException(long, String)}, keeping the underlying cause. */
    public StreamProtocolException(long offset, String problem, Throwable cause) {
        super("invalid stream at byte " + offset + ": " + problem, cause);
        this.offset = offset;
        this.problem = problem;
    }

    /** The byte offset in the response where the problem was found. */
    public long offset() {
        return offset;
    }

    /** What was wrong, without the offset. */
    public String problem() {
        return problem;
    }
}
