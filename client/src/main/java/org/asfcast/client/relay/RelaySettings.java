package org.asfcast.client.relay;

import java.time.Duration;
import java.util.Objects;
import org.asfcast.writer.source.Backoff;

/**
 * How an edge keeps its relay of an origin going.
 *
 * @param upstream       what is relayed, and how it is asked for
 * @param grace          how long after the origin is lost (or, at the start, before it is first
 *                       reached) the edge keeps trying, its players kept connected, before the
 *                       broadcast ends
 * @param backoff        how long to wait before each new attempt (jittered: half to all of it)
 * @param connectTimeout the longest a connection to the origin may take
 * @param readTimeout    the longest the origin may send nothing before the edge counts it lost
 */
public record RelaySettings(RelayUpstream upstream, Duration grace, Backoff backoff, Duration connectTimeout,
                            Duration readTimeout) {

    /** The default grace: 30 s, as a command source's. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    /** The default back-off: 0.5 s doubling to at most 5 s, reset by 30 s connected. */
    public static final Backoff DEFAULT_BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5),
            Duration.ofSeconds(30));
    /** The default connect timeout: 5 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The default read timeout: 10 s (an origin keeps a silent point alive with a packet a second). */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    /** Checks the durations. */
    public RelaySettings {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(backoff, "backoff");
        for (Duration d : new Duration[] {grace, connectTimeout, readTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("a relay needs a positive grace and timeouts, not grace " + grace
                        + ", connect timeout " + connectTimeout + ", read timeout " + readTimeout);
            }
        }
    }

    /** The default settings for {@code upstream}. */
    public static RelaySettings of(RelayUpstream upstream) {
        return new RelaySettings(upstream, DEFAULT_GRACE, DEFAULT_BACKOFF, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }
}
