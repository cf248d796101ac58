package org.asfcast.netsink.wire;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A POST from a Windows Media player and the server's answer to it (research on-demand-mbr-push.md
 * §2.5, §6 item 7; [MS-WMSP] §2.2.2.3, §3.2.5.8): a KeepAlive while paused
 * ({@code xKeepAliveInPause=1}), a log ({@code log-line=}, or a {@code application/x-wms-LogStats}
 * body), a Stop ({@code xStopStrm=1}), a SelectStream ({@code stream-switch-entry}) or anything else.
 * Every one is answered as WMS answers it: a log {@code 204 No Content} (WMSP §2.2.2.4's example),
 * the others {@code 200 OK} with {@code Content-Length: 0}; all with {@code Pragma: no-cache,
 * timeout=60000} and the client's id. The connection stays open when the player
 * asked to keep it ({@code Connection: Keep-Alive}, or HTTP/1.1 without {@code Connection: close})
 * and its body is small enough to read past, so its next request can follow on it. Pure.
 *
 * @param purpose    what the POST is for
 * @param keepAlive  whether the connection stays open after the answer
 * @param bodyLength the body's declared length, to be read and dropped before the next request
 * @param version    the HTTP version to answer with, {@code HTTP/1.0} or {@code HTTP/1.1}
 */
public record WmspPost(Purpose purpose, boolean keepAlive, long bodyLength, String version) {

    /** The longest body read past on a kept connection; a longer one is answered and the connection closed. */
    public static final long MAX_SKIPPED_BODY = 1 << 20;

    /** The idle time announced to the player ({@code Pragma: timeout}), as WMS announces it. */
    public static final long TIMEOUT_MILLIS = 60_000;

    /** What a POST asks for. */
    public enum Purpose {
        /** {@code xKeepAliveInPause=1}: a paused player keeps its session. */
        KEEP_ALIVE,
        /** {@code log-line=} or a LogStats body: the player's playback log. */
        LOG,
        /** {@code xStopStrm=1}: the player stopped. */
        STOP,
        /** {@code stream-switch-entry}: the player selects other streams of what it plays. */
        SELECT_STREAM,
        /** Anything else: answered the same way. */
        OTHER
    }

    /** Checks the fields. */
    public WmspPost {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(version, "version");
        if (bodyLength < 0) {
            throw new IllegalArgumentException("a body length is not negative: " + bodyLength);
        }
    }

    /**
     * What a POST request head asks for.
     *
     * @param head    a head whose method is POST
     * @param pragmas its Pragma tokens
     * @return the purpose, whether its connection stays open, and how long its body is
     */
    public static WmspPost of(RequestHead head, Pragmas pragmas) {
        Purpose purpose;
        String type = head.first("Content-Type").orElse("").trim().toLowerCase(Locale.ROOT);
        if (pragmas.has("xKeepAliveInPause")) {
            purpose = Purpose.KEEP_ALIVE;
        } else if (pragmas.isStop()) {
            purpose = Purpose.STOP;
        } else if (!pragmas.streamSwitchEntries().isEmpty()) {
            purpose = Purpose.SELECT_STREAM;
        } else if (pragmas.hasLogLine() || type.startsWith("application/x-wms-logstats")) {
            purpose = Purpose.LOG;
        } else {
            purpose = Purpose.OTHER;
        }
        OptionalLong declared = head.contentLength();
        long body = declared.orElse(0);
        boolean http11 = "HTTP/1.1".equals(head.version());
        String connection = head.first("Connection").orElse("").trim().toLowerCase(Locale.ROOT);
        boolean asked = connection.contains("keep-alive") || http11 && !connection.contains("close");
        // Without a Content-Length the body's end is the connection's end (HTTP/1.0): nothing follows it.
        boolean keep = asked && declared.isPresent() && body <= MAX_SKIPPED_BODY;
        return new WmspPost(purpose, keep, body, http11 ? "HTTP/1.1" : "HTTP/1.0");
    }

    /**
     * The whole answer, with no body: {@code 204 No Content} to a log, {@code 200 OK} to the others.
     *
     * @param clientId the player's session id (its own when it sent one), 0 to 2^32 - 1
     * @return the response bytes, US-ASCII
     * @throws IllegalArgumentException if the id is out of range
     */
    public byte[] answer(long clientId) {
        if (clientId < 0 || clientId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a client id is a 32-bit unsigned number, not " + clientId);
        }
        String crlf = "\r\n";
        boolean log = purpose == Purpose.LOG;
        // A 204 carries no Content-Length (RFC 9110 §8.6); its end is the head's end.
        return (version + (log ? " 204 No Content" : " 200 OK") + crlf
                + "Server: " + ResponseHeads.SERVER + crlf
                + (log ? "" : "Content-Length: 0" + crlf)
                + "Pragma: no-cache, timeout=" + TIMEOUT_MILLIS + crlf
                + "Pragma: client-id=" + clientId + crlf
                + "Cache-Control: no-cache" + crlf
                + "Connection: " + (keepAlive ? "Keep-Alive" : "close") + crlf
                + crlf).getBytes(StandardCharsets.US_ASCII);
    }
}
