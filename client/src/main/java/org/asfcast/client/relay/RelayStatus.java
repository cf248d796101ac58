package org.asfcast.client.relay;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What an edge's relay is doing now, for the status API.
 *
 * @param state      connecting (before the first header), connected, reconnecting, or ended
 * @param since      when it entered that state
 * @param upstream   the origin's URL, as relayed
 * @param reconnects how many times it has asked the origin again after the first attempt
 * @param bytesIn    bytes received from the origin (headers and packets as sent), over every connection
 */
public record RelayStatus(State state, Instant since, String upstream, long reconnects, long bytesIn) {

    /** The relay's state. */
    public enum State {
        /** Asking the origin for the first time. */
        CONNECTING,
        /** Playing the origin's stream. */
        CONNECTED,
        /** Lost the origin; asking it again, players kept. */
        RECONNECTING,
        /** Stopped, or gave up after the grace. */
        ENDED;

        /** The name the status API uses: lower case. */
        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks that nothing is missing. */
    public RelayStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(upstream, "upstream");
    }
}
