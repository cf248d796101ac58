package org.asfcast.client;

/**
 * A stream could not be played for a reason other than plain I/O: the server answered with an
 * error status, or what it sent is not a valid MS-WMSP / ASF stream. The checked base of the
 * client's own exceptions, so callers can catch "the server said no or spoke nonsense" at once.
 */
public abstract sealed class StreamException extends Exception permits StreamProtocolException, HttpStatusException {
    private static final long serialVersionUID = 1L;

    /** @param message a sentence a person can act on */
    protected StreamException(String message) {
        super(message);
    }

    /**
     * @param message a sentence a person can act on
     * @param cause   the underlying problem
     */
    protected StreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
