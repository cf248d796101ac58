package org.asfcast.ops.admin;

import java.util.Locale;
import java.util.Objects;

/**
 * What a point's source is doing, for the status API and the metrics.
 *
 * @param state       running, starting, stopped or failed
 * @param description what the source is, and when failed why, in words
 * @param restarts    how many times it was started again after it had run (a failed encoder
 *                    restarted, an idle source started on demand, an edge asking its origin again)
 * @param relay       for a relay (an edge's source), how its connection to the origin is doing
 */
public record SourceState(State state, String description, long restarts, java.util.Optional<RelayState> relay) {

    /** The state of a source that relays nothing. */
    public SourceState(State state, String description, long restarts) {
        this(state, description, restarts, java.util.Optional.empty());
    }

    /** The source's state. */
    public enum State {
        RUNNING, STARTING, STOPPED, FAILED;

        /** The name the API uses: lower case. */
        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SourceState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(relay, "relay");
    }
}
