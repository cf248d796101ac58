package org.asfcast.ops.accesslog;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.asfcast.netsink.ClientInfo;
import org.asfcast.netsink.DisconnectReason;
import org.asfcast.netsink.PlayerEvent;
import org.asfcast.netsink.Refusal;
import org.asfcast.netsink.wire.TokenRedaction;

/**
 * The access log's lines made from what the server reports: a player's session (at its end, or an
 * interim line while it plays) and a refusal. Server-side fields come from asfcast's own counts;
 * a player's log, when it sent one, fills the fields only it knows. Pure.
 */
final class SessionLines {

    /** c-status of a session whose player sent its log. */
    static final int REPORTED = 200;
    /** c-status of a session the server logged alone (WMS's 408: no client log arrived). */
    static final int UNREPORTED = 408;
    /**
     * c-status of an interim line of a session that still plays: asfcast's own code (WMS has none),
     * so an analyser that counts sessions can skip them: the session's last line has its totals.
     */
    static final int INTERIM = 299;
    /** x-reason of an interim line. */
    static final String PLAYING = "playing";

    /**
     * What the server is at the time of a line.
     *
     * @param ip           s-ip: the address players reach it at
     * @param dns          s-dns: its host name
     * @param totalClients s-totalclients: players on every point now
     * @param cpuPercent   s-cpu-util: the machine's CPU use, 0..100, or -1 when unknown
     */
    record ServerFacts(String ip, String dns, int totalClients, int cpuPercent) {
    }

    private SessionLines() {
    }

    /**
     * A session's line.
     *
     * @param started what its start reported (the request, the start position)
     * @param now     the player as it is at the line's time (its bytes so far)
     * @param packets data packets sent so far, -1 when not known (an interim line)
     * @param at      the line's time
     * @param status  {@link #REPORTED}, {@link #UNREPORTED} or {@link #INTERIM}
     * @param reason  x-reason: why it ended, or {@link #PLAYING}
     * @param report  the player's own log, if it sent one
     */
    static AccessLogLine session(PlayerEvent started, ClientInfo now, long packets, Instant at, int status, String reason,
                                 Optional<PlayerLogReport> report, ServerFacts server) {
        long seconds = Math.max(0, Duration.between(now.connectedSince(), at).toSeconds());
        String uri = started.request().uri();
        int q = uri.indexOf('?');
        AccessLogLine.Builder b = AccessLogLine.builder()
                .set(AccessLogField.C_IP, now.address().getHostAddress())
                .at(at)
                .set(AccessLogField.C_DNS, now.dnsName().orElse(null))
                .set(AccessLogField.CS_URI_STEM, TokenRedaction.uri(q < 0 ? uri : uri.substring(0, q)))
                .set(AccessLogField.C_STARTTIME, started.onDemand() ? started.startMillis() / 1000 : 0)
                .set(AccessLogField.X_DURATION, seconds)
                .set(AccessLogField.C_RATE, 1)
                .set(AccessLogField.C_STATUS, status)
                .set(AccessLogField.C_PLAYERID, started.request().playerGuid().orElse(null))
                .set(AccessLogField.CS_USER_AGENT, now.userAgent())
                .set(AccessLogField.CS_REFERER, started.request().referer().map(TokenRedaction::uri).orElse(null))
                .set(AccessLogField.FILELENGTH, started.onDemand() ? null : "0")
                .set(AccessLogField.FILESIZE, started.onDemand() ? null : "0")
                .set(AccessLogField.AVGBANDWIDTH, seconds > 0 ? Long.toString(now.bytesSent() * 8 / seconds) : null)
                .set(AccessLogField.PROTOCOL, "http")
                .set(AccessLogField.TRANSPORT, "TCP")
                .set(AccessLogField.SC_BYTES, now.bytesSent())
                .set(AccessLogField.S_PKTS_SENT, packets >= 0 ? Long.toString(packets) : null)
                .set(AccessLogField.S_SESSION_ID, started.request().clientId())
                .set(AccessLogField.CS_URL, TokenRedaction.uri(uri))
                .set(AccessLogField.S_PROXIED, 0)
                .set(AccessLogField.X_REASON, reason);
        server(b, server);
        report.ifPresent(r -> {
            for (Map.Entry<AccessLogField, String> e : r.fields().entrySet()) {
                b.set(e.getKey(), e.getValue());
            }
        });
        return b.build();
    }

    /** x-reason for a session that ended so: {@code client-left}, {@code end-of-stream}, {@code slow}... */
    static String reason(DisconnectReason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A refused request's line: its status in c-status, its sentence in x-reason. */
    static AccessLogLine refusal(Refusal refusal, ServerFacts server) {
        String uri = refusal.uri();
        int q = uri.indexOf('?');
        AccessLogLine.Builder b = AccessLogLine.builder()
                .set(AccessLogField.C_IP, refusal.remote().getAddress().getHostAddress())
                .at(refusal.at())
                .set(AccessLogField.CS_URI_STEM, TokenRedaction.uri(q < 0 ? uri : uri.substring(0, q)))
                .set(AccessLogField.C_STARTTIME, 0)
                .set(AccessLogField.X_DURATION, 0)
                .set(AccessLogField.C_RATE, 1)
                .set(AccessLogField.C_STATUS, refusal.status())
                .set(AccessLogField.CS_USER_AGENT, refusal.userAgent())
                .set(AccessLogField.PROTOCOL, "http")
                .set(AccessLogField.TRANSPORT, "TCP")
                .set(AccessLogField.S_PKTS_SENT, 0) // sc-bytes stays "-": the answer's size is not reported
                .set(AccessLogField.CS_URL, TokenRedaction.uri(uri))
                .set(AccessLogField.S_PROXIED, 0)
                .set(AccessLogField.X_REASON, refusal.sentence());
        server(b, server);
        return b.build();
    }

    private static void server(AccessLogLine.Builder b, ServerFacts server) {
        b.set(AccessLogField.S_IP, server.ip())
                .set(AccessLogField.S_DNS, server.dns())
                .set(AccessLogField.S_TOTALCLIENTS, server.totalClients())
                .set(AccessLogField.S_CPU_UTIL, server.cpuPercent() >= 0 ? Integer.toString(server.cpuPercent()) : null);
    }
}
