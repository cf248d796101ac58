package org.asfcast.client.push;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The two requests of a push ([MS-WMHTTP] §2.2.2), as bytes: the PushSetup POST that opens or
 * finds the session, and the PushStart POST whose endless body carries the stream. The fields come
 * in the order of the specification's example (§4.8), with the names cased as Windows Media
 * Encoder sends them. Pure.
 */
public final class PushRequests {

    /** The PushSetup request's Content-Type. */
    public static final String PUSH_SETUP = "application/x-wms-pushsetup";
    /** The PushStart request's Content-Type. */
    public static final String PUSH_START = "application/x-wms-pushstart";
    /** The push-id a client sends when it asks for a new session. */
    public static final String NEW_SESSION = "0";
    /**
     * The schemes asfcast answers a challenge with, strongest first. Listed so that a server that
     * reads the list (§2.2.1.9) asks for one of them, rather than for NTLM or Negotiate.
     */
    public static final String ACCEPTED_AUTHENTICATION = "Digest, Basic";

    private PushRequests() {
    }

    /**
     * A PushSetup request: body {@code Template-URL: "<template>"} when there is a template, then
     * {@code AutoDestroy: 0|1} (always sent: §3.1.4.1.1 asks for it beside a template, and it says
     * plainly what the caller chose).
     *
     * @param pushId        {@link #NEW_SESSION} for a new session, or the server's push-id
     * @param authorization the Authorization value to send, if any
     */
    public static byte[] pushSetup(PushTarget target, String userAgent, String pushId, Optional<String> template,
                                   boolean autoDestroy, Optional<String> authorization) {
        StringBuilder body = new StringBuilder();
        template.ifPresent(t -> body.append("Template-URL: \"").append(t).append("\"\r\n"));
        body.append("AutoDestroy: ").append(autoDestroy ? '1' : '0').append("\r\n");
        byte[] bodyBytes = body.toString().getBytes(StandardCharsets.US_ASCII);
        StringBuilder head = new StringBuilder();
        head.append("POST ").append(target.requestTarget()).append(" HTTP/1.1\r\n");
        head.append("Content-Type: ").append(PUSH_SETUP).append("\r\n");
        head.append("X-Accept-Authentication: ").append(ACCEPTED_AUTHENTICATION).append("\r\n");
        head.append("User-Agent: ").append(userAgent).append("\r\n");
        head.append("Host: ").append(target.hostHeader()).append("\r\n");
        head.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        head.append("Cache-Control: no-cache\r\n");
        head.append("Cookie: push-id=").append(pushId).append("\r\n");
        authorization.ifPresent(a -> head.append("Authorization: ").append(a).append("\r\n"));
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + bodyBytes.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(bodyBytes, 0, request, headBytes.length, bodyBytes.length);
        return request;
    }

    /**
     * A PushStart request's head: its body, {@code contentLength} bytes of framed packets, follows
     * as the stream goes (never chunked: §3.1.4.2.1).
     */
    public static byte[] pushStart(PushTarget target, String userAgent, String pushId, long contentLength,
                                   Optional<String> authorization) {
        StringBuilder head = new StringBuilder();
        head.append("POST ").append(target.requestTarget()).append(" HTTP/1.1\r\n");
        head.append("Content-Type: ").append(PUSH_START).append("\r\n");
        head.append("User-Agent: ").append(userAgent).append("\r\n");
        head.append("Host: ").append(target.hostHeader()).append("\r\n");
        head.append("Content-Length: ").append(contentLength).append("\r\n");
        head.append("Cache-Control: no-cache\r\n");
        head.append("Cookie: push-id=").append(pushId).append("\r\n");
        authorization.ifPresent(a -> head.append("Authorization: ").append(a).append("\r\n"));
        head.append("\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
