package org.asfcast.netsink;

import org.asfcast.netsink.wire.ClientRequest;
import org.asfcast.netsink.wire.RequestKind;

/**
 * Decides what a complete request gets, from the request and the sink's state: pure, so every
 * case is tested without sockets. Checked in this order: the address (403), the path (404),
 * whether there is a broadcast to serve (503 with Retry-After), then the client limit (503, unless
 * a client is far enough behind to give its slot to the newcomer: see {@link NetworkSink#DISPLACE_AFTER}).
 * POST (WMP's logs and stop) always gets 200 on the right path: answering it costs nothing.
 */
final class Admission {

    /** What the sink knows when a request completes. */
    record State(boolean addressAllowed, String servedPath, boolean hasHeader, boolean ended,
                 int streamingClients, int maximumClients, boolean laggardPresent) {

        State(boolean addressAllowed, String servedPath, boolean hasHeader, boolean ended,
              int streamingClients, int maximumClients) {
            this(addressAllowed, servedPath, hasHeader, ended, streamingClients, maximumClients, false);
        }

        boolean full() {
            return streamingClients >= maximumClients;
        }
    }

    /** The answer: serve the request as its kind says, or refuse it with a status and a sentence. */
    sealed interface Verdict {
    }

    /** Serve it: a Describe, a Play, a plain GET, a HEAD or a POST. */
    record Serve(RequestKind kind) implements Verdict {
    }

    /** Refuse it. {@code retryAfterSeconds} is 0 when no Retry-After applies. */
    record Refuse(int status, String sentence, boolean retryLater) implements Verdict {
    }

    private Admission() {
    }

    static Verdict decide(ClientRequest request, State state) {
        if (!state.addressAllowed()) {
            return new Refuse(403, "Your address is not allowed to connect to this broadcast.", false);
        }
        if (!pathMatches(request.head().path(), state.servedPath())) {
            return new Refuse(404, "There is no broadcast at " + printable(request.head().path())
                    + "; the broadcast is at " + state.servedPath() + ".", false);
        }
        RequestKind kind = request.kind();
        if (kind == RequestKind.POST) {
            return new Serve(kind);
        }
        if (state.ended()) {
            return new Refuse(503, "The broadcast has ended; try again later.", true);
        }
        if (!state.hasHeader()) {
            return new Refuse(503, "The broadcast has not started yet; try again in a few seconds.", true);
        }
        boolean wantsStream = kind == RequestKind.WMSP_PLAY || kind == RequestKind.HTTP_GET
                || kind == RequestKind.WMSP_DESCRIBE;
        if (wantsStream && state.full() && !state.laggardPresent()) {
            return new Refuse(503, "This broadcast already has its maximum of " + state.maximumClients()
                    + " clients; try again later.", false);
        }
        return new Serve(kind);
    }

    /** Exact match, ignoring one trailing '/' on either side ("/live" and "/live/" are the same). */
    static boolean pathMatches(String requested, String served) {
        return strip(requested).equals(strip(served));
    }

    private static String strip(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String printable(String path) {
        String p = path.length() > 100 ? path.substring(0, 100) + "..." : path;
        return p.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
