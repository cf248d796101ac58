package org.asfcast.netsink;

/**
 * Watches what happens to players on every point of a {@link StreamingServer}: streams that start
 * and end, and requests refused. For the operator's side (the access log, the metrics, the status
 * API), which {@link SinkListener} does not serve: it reports a point's players to the writer's
 * side, on an event thread, while this sees every point and every refusal.
 *
 * <p>Called on the network thread where it happened, in the order it happened for one player:
 * an implementation must return at once and never block (hand anything slow, such as a file
 * write, to a thread of its own), and must not throw: an exception is logged and dropped.
 */
public interface ServerObserver {

    /** Observes nothing. */
    ServerObserver NONE = new ServerObserver() {
        @Override
        public boolean watching() {
            return false;
        }
    };

    /**
     * Whether anything is watched at all: a caller skips making an event when not. A server's
     * observers are one object on every point, with or without an observer registered, so this,
     * not a comparison with {@link #NONE}, is the one test.
     */
    default boolean watching() {
        return true;
    }

    /** A player's stream started: the response head and the header are on their way. */
    default void playerStarted(PlayerEvent event) {
    }

    /** A player's stream ended, and why; {@code event.client()} has its final counts. */
    default void playerEnded(PlayerEvent event, DisconnectReason reason) {
    }

    /** A request was answered with an error status instead of what it asked for. */
    default void refused(Refusal refusal) {
    }

    /**
     * An event loop finished one delivery pass over a broadcast point's players on it (once per
     * pass, not per packet), for the operator's pass-time metric.
     *
     * @param nanos   how long the pass took, from its start to its last player served
     * @param players how many players it served
     */
    default void deliveryPass(long nanos, int players) {
    }

    /**
     * A player sent its playback log (a POST with {@code Pragma: log-line=} or an
     * {@code application/x-wms-LogStats} body), already answered as WMS answers it.
     */
    default void playerReport(PlayerReport report) {
    }
}
