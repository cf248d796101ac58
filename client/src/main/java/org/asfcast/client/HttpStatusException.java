package org.asfcast.client;

import java.net.URI;

/**
 * The server answered with a status other than 200. Players treat every such answer as a hard
 * error (MPlayer's ASF path accepts only 200, VLC fails at 400 and above), and so does this client.
 */
public final class HttpStatusException extends StreamException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String reason;
    private final String bodyFirstLine;

    /**
     * @param uri           the URI requested
     * @param status        the status code
     * @param reason        the reason phrase of the status line (may be empty)
     * @param bodyFirstLine the first line of the response body, empty when there was none
     */
    public HttpStatusException(URI uri, int status, String reason, String bodyFirstLine) {
        super(uri + " answered " + status + (reason.isEmpty() ? "" : " " + reason)
                + (bodyFirstLine.isEmpty() ? "" : ": " + bodyFirstLine));
        this.status = status;
        this.reason = reason;
        this.bodyFirstLine = bodyFirstLine;
    }

    /** The HTTP status code, e.g. 404 or 503. */
    public int status() {
        return status;
    }

    /** The reason phrase of the status line, e.g. "Service Unavailable"; may be empty. */
    public String reason() {
        return reason;
    }

    /** The first line of the body (servers put the human-readable cause there); may be empty. */
    public String bodyFirstLine() {
        return bodyFirstLine;
    }
}
