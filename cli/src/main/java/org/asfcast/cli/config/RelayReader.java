package org.asfcast.cli.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.asfcast.client.relay.RelaySettings;
import org.asfcast.client.relay.RelayUpstream;
import org.asfcast.writer.source.Backoff;

/**
 * Reads a point's {@code relay:}, either just the origin's URL ({@code relay: mmsh://origin:8080/live})
 * or a mapping of {@code url:} and the settings that override {@link RelaySettings}' defaults:
 * {@code protocol} ({@code wmsp}, the default, or {@code plain} for raw ASF over http://),
 * {@code grace}, {@code read-timeout}, {@code connect-timeout}, {@code backoff} (the first wait)
 * and {@code max-backoff}.
 */
final class RelayReader {

    private static final List<String> KEYS = List.of("url", "protocol", "grace", "read-timeout", "connect-timeout",
            "backoff", "max-backoff");

    private RelayReader() {
    }

    /** The source, or empty when it has a problem (reported). */
    static Optional<PointSource> read(Section point) {
        YamlNode node = point.node("relay").orElseThrow();
        if (node instanceof YamlNode.Scalar) {
            return url(point, "relay", "wmsp").<PointSource>map(u -> new RelaySource(RelaySettings.of(u)));
        }
        if (!(node instanceof YamlNode.Mapping m)) {
            point.problem("relay", "must be the origin's URL (relay: mmsh://origin:8080/live) or a mapping such as"
                    + " {url: mmsh://origin:8080/live, grace: 1m}, not " + YamlNode.describe(node));
            return Optional.empty();
        }
        Section r = new Section(m, point.name("relay"), point.problems(), KEYS);
        Optional<String> protocol = r.valueOr("protocol", () -> r.text("protocol").flatMap(p -> {
            if (!p.equals("wmsp") && !p.equals("plain")) {
                r.problem("protocol", "must be wmsp (MS-WMSP, as players and distribution servers ask) or plain (raw ASF"
                        + " over http://), not \"" + p + "\"");
                return Optional.empty();
            }
            return Optional.of(p);
        }), "wmsp");
        Optional<RelayUpstream> upstream;
        if (!r.has("url")) {
            r.problems().add(r.position(), r.name("url"), "is missing; give the origin's stream, such as url: mmsh://origin:8080/live");
            upstream = Optional.empty();
        } else {
            upstream = protocol.flatMap(p -> url(r, "url", p)); // with a wrong protocol, the URL cannot be judged
        }
        Backoff b = RelaySettings.DEFAULT_BACKOFF;
        Optional<Duration> grace = r.valueOr("grace", () -> r.duration("grace", Duration.ofSeconds(1), Duration.ofHours(24)),
                RelaySettings.DEFAULT_GRACE);
        Optional<Duration> read = r.valueOr("read-timeout",
                () -> r.duration("read-timeout", Duration.ofMillis(500), Duration.ofMinutes(10)), RelaySettings.DEFAULT_READ_TIMEOUT);
        Optional<Duration> connect = r.valueOr("connect-timeout",
                () -> r.duration("connect-timeout", Duration.ofMillis(100), Duration.ofMinutes(5)), RelaySettings.DEFAULT_CONNECT_TIMEOUT);
        Optional<Duration> first = r.valueOr("backoff", () -> r.duration("backoff", Duration.ofMillis(10), Duration.ofMinutes(10)),
                b.first());
        Optional<Duration> most = r.valueOr("max-backoff",
                () -> r.duration("max-backoff", Duration.ofMillis(10), Duration.ofHours(1)), b.max());
        if (first.isPresent() && most.isPresent() && most.get().compareTo(first.get()) < 0) {
            r.problem(r.has("max-backoff") ? "max-backoff" : "backoff", "must leave max-backoff (" + Durations.format(most.get())
                    + ") at least as long as backoff (" + Durations.format(first.get()) + ")");
            return Optional.empty();
        }
        if (upstream.isEmpty() || grace.isEmpty() || read.isEmpty() || connect.isEmpty() || first.isEmpty() || most.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RelaySource(new RelaySettings(upstream.get(), grace.get(),
                new Backoff(first.get(), most.get(), b.steadyRun()), connect.get(), read.get())));
    }

    /** The origin's URL at {@code key}, checked; empty when wrong (reported). */
    private static Optional<RelayUpstream> url(Section s, String key, String protocol) {
        return s.text(key).flatMap(t -> {
            try {
                return Optional.of(RelayUpstream.parse(t, protocol));
            } catch (IllegalArgumentException e) {
                s.problem(key, e.getMessage() + " (\"" + t + "\")");
                return Optional.empty();
            }
        });
    }
}
