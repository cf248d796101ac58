package org.asfcast.netsink;

import java.util.Collection;
import org.asfcast.netsink.wire.ClientRequest;
import org.asfcast.netsink.wire.RequestKind;

/**
 * Decides what a complete request for a point gets, from the request, the point's state and the
 * server's: pure, so every case is tested without sockets. Checked in this order: the address
 * (403), the per-address connection rate (503), whether there is a broadcast to serve (503 with
 * Retry-After, unless the point holds requests until it starts), the server-wide limits (503),
 * then the point's player limit (503, unless a player is far enough behind to give its slot to
 * the newcomer: see {@link NetworkSink#DISPLACE_AFTER}). A request the point holds passes the
 * limits first, so it waits only when it would be served once the broadcast starts.
 * POST (WMP's logs and stop) always gets 200 from an allowed address: answering it costs nothing.
 * Which point a path names is the {@link Router}'s to say; a path with none gets {@link #noPoint}.
 */
final class Admission {

    /**
     * What the server knows when a request completes.
     *
     * @param overConnectionRate whether the address opened more connections this second than allowed
     * @param players            players streaming on every point
     * @param maximumPlayers     the server-wide player limit; 0 means none
     * @param bitsPerSecond      the bit rate every point's players need now
     * @param maximumBits        the server-wide outgoing bit rate limit; 0 means none
     */
    record ServerLoad(boolean overConnectionRate, int players, int maximumPlayers, long bitsPerSecond,
                      long maximumBits) {

        /** A server with no limit and no load. */
        static final ServerLoad NONE = new ServerLoad(false, 0, 0, 0, 0);
    }

    /**
     * What the point knows when a request completes.
     *
     * @param newcomerBits the bit rate one more player of this point needs
     * @param holds        whether a request that finds no broadcast waits for one ({@link PointSettings#startWait()})
     */
    record State(boolean addressAllowed, boolean hasHeader, boolean ended, int streamingClients, int maximumClients,
                 boolean laggardPresent, long newcomerBits, ServerLoad server, boolean holds) {

        State(boolean addressAllowed, boolean hasHeader, boolean ended, int streamingClients, int maximumClients) {
            this(addressAllowed, hasHeader, ended, streamingClients, maximumClients, false, 0, ServerLoad.NONE);
        }

        State(boolean addressAllowed, boolean hasHeader, boolean ended, int streamingClients, int maximumClients,
              boolean laggardPresent, long newcomerBits, ServerLoad server) {
            this(addressAllowed, hasHeader, ended, streamingClients, maximumClients, laggardPresent, newcomerBits, server,
                    false);
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

    /** Hold it until the point's broadcast starts, then serve it: a Describe, a Play or a plain GET. */
    record Hold(RequestKind kind) implements Verdict {
    }

    /**
     * Refuse it.
     *
     * @param retryLater whether a Retry-After applies (the point's {@link PointSettings#retryAfterSeconds()})
     */
    record Refuse(int status, String sentence, boolean retryLater) implements Verdict {
    }

    /** The answer to a request at a point whose broadcast ended (and does not hold requests). */
    static final Refuse ENDED = new Refuse(503, "The broadcast has ended; try again later.", true);
    /** The answer to a request at a point with no broadcast yet (that does not hold requests). */
    static final Refuse NOT_STARTED = new Refuse(503, "The broadcast has not started yet; try again in a few seconds.",
            true);

    private Admission() {
    }

    /** The answer to a held request whose point did not start within {@code wait}. */
    static Refuse didNotStart(java.time.Duration wait) {
        return new Refuse(503, "The broadcast did not start within " + seconds(wait) + "; try again later.", true);
    }

    private static String seconds(java.time.Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms / 1000.0 + " s";
    }

    static Verdict decide(ClientRequest request, State state) {
        if (!state.addressAllowed()) {
            return new Refuse(403, "Your address is not allowed to connect to this broadcast.", false);
        }
        ServerLoad server = state.server();
        if (server.overConnectionRate()) {
            return new Refuse(503, "Too many connections from your address; try again in a few seconds.", false);
        }
        RequestKind kind = request.kind();
        if (kind == RequestKind.POST) {
            return new Serve(kind);
        }
        boolean noBroadcast = state.ended() || !state.hasHeader();
        if (noBroadcast && !state.holds()) {
            return state.ended() ? ENDED : NOT_STARTED;
        }
        if (kind == RequestKind.HEAD) {
            return new Serve(kind); // its answer needs no header
        }
        // A Describe takes no slot, but is refused when the Play after it would be.
        boolean wantsStream = kind == RequestKind.WMSP_PLAY || kind == RequestKind.HTTP_GET
                || kind == RequestKind.WMSP_DESCRIBE;
        if (wantsStream && server.maximumPlayers() > 0 && server.players() >= server.maximumPlayers()) {
            return new Refuse(503, "This server already has its maximum of " + server.maximumPlayers()
                    + " players; try again later.", false);
        }
        if (wantsStream && server.maximumBits() > 0
                && server.bitsPerSecond() + state.newcomerBits() > server.maximumBits()) {
            return new Refuse(503, "This server is at its outgoing bandwidth limit; try again later.", false);
        }
        if (wantsStream && state.full() && !state.laggardPresent()) {
            return new Refuse(503, "This broadcast already has its maximum of " + state.maximumClients()
                    + " clients; try again later.", false);
        }
        return noBroadcast ? new Hold(kind) : new Serve(kind);
    }

    /**
     * The answer for a path no point has. With one point, the sentence names it (its URL is the
     * one thing the server offers, as the SDK's sink did); with several it names none, since an
     * operator may not want a list of every point handed to anyone who asks.
     */
    static Refuse noPoint(String requestedPath, Collection<String> pointPaths) {
        String sentence = "There is no broadcast at " + printable(requestedPath)
                + (pointPaths.size() == 1 ? "; the broadcast is at " + pointPaths.iterator().next() + "." : ".");
        return new Refuse(404, sentence, false);
    }

    private static String printable(String path) {
        String p = path.length() > 100 ? path.substring(0, 100) + "..." : path;
        return p.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
