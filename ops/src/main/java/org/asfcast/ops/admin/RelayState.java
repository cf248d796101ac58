package org.asfcast.ops.admin;

import java.util.Objects;

/**
 * How an edge's relay of its origin is doing, for the status API: the {@code relay} object of a
 * point whose source is another server's stream.
 *
 * @param state      {@code connecting}, {@code connected}, {@code reconnecting} or {@code ended}
 * @param since      when it entered that state, ISO-8601 UTC
 * @param upstream   the origin's URL
 * @param reconnects how many times the origin was asked again after the first attempt
 * @param bytesIn    bytes received from the origin over every connection
 */
public record RelayState(String state, String since, String upstream, long reconnects, long bytesIn) {

    /** Checks that nothing is missing. */
    public RelayState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(upstream, "upstream");
    }
}
