package org.asfcast.netsink.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The answers a publisher gets. To MS-WMHTTP pushers the server must look like Windows Media
 * Services: a pusher treats a {@code Server} other than {@code Cougar}/{@code Rex} with a version
 * as an error ([MS-WMHTTP] §3.1.5.1), and Windows Media Encoder copes only with the header names
 * cased exactly so ({@code Content-Length}, {@code Set-Cookie}, {@code WWW-Authenticate}), so the
 * heads are written here byte for byte, never through a header map. Pull players still get
 * {@code Cougar/4.1} ({@link ResponseHeads}); these are answers to other requests. Pure.
 */
public final class PushResponses {

    /** The {@code Server} a pusher sees: a WMS 9 version, as other push receivers send. */
    public static final String SERVER = "Cougar/9.01.01.3814 (asfcast)";
    /** What a PushSetup's answer says the server supports, as WMS lists it. */
    static final String SUPPORTED = "com.microsoft.wm.srvppair, com.microsoft.wm.sswitch, com.microsoft.wm.predstrm,"
            + " com.microsoft.wm.fastcache, com.microsoft.wm.startupprofile";
    private static final String CRLF = "\r\n";

    private PushResponses() {
    }

    /**
     * The 204 that opens (PushSetup) or closes (a PushStart whose body is complete) a push
     * session's request; the connection stays open for the next request.
     */
    public static byte[] noContent(String pushId) {
        return ascii("HTTP/1.1 204 No Content" + CRLF
                + "Server: " + SERVER + CRLF
                + "Content-Length: 0" + CRLF
                + "Pragma: no-cache, timeout=60000" + CRLF
                + "Cache-Control: no-cache" + CRLF
                + "Set-Cookie: push-id=" + pushId + CRLF
                + "Supported: " + SUPPORTED + CRLF
                + "Connection: Keep-Alive" + CRLF + CRLF);
    }

    /** The interim answer to {@code Expect: 100-continue}: send the body. */
    public static byte[] proceed() {
        return ascii("HTTP/1.1 100 Continue" + CRLF + CRLF);
    }

    /** A raw body taken whole: 200 and a sentence; the connection closes. */
    public static byte[] done(String sentence) {
        return withBody(200, "OK", sentence, "");
    }

    /**
     * A refusal with a sentence and a {@code WWW-Authenticate} line for each of {@code challenges},
     * in their order (a client reads them top down); the connection closes.
     */
    public static byte[] refused(int status, String sentence, List<String> challenges) {
        StringBuilder extra = new StringBuilder();
        for (String challenge : challenges) {
            extra.append("WWW-Authenticate: ").append(challenge.replaceAll("[^\\x20-\\x7E]", "?")).append(CRLF);
        }
        return withBody(status, reason(status), sentence, extra.toString());
    }

    private static byte[] withBody(int status, String reason, String sentence, String extra) {
        byte[] body = (sentence + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] head = ascii("HTTP/1.1 " + status + " " + reason + CRLF
                + "Server: " + SERVER + CRLF
                + "Content-Type: text/plain; charset=utf-8" + CRLF
                + "Content-Length: " + body.length + CRLF
                + extra
                + "Connection: close" + CRLF + CRLF);
        byte[] out = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    private static String reason(int status) {
        return switch (status) {
            case 409 -> "Conflict";
            case 422 -> "Unprocessable Content";
            default -> ResponseHeads.reasonPhrase(status);
        };
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
