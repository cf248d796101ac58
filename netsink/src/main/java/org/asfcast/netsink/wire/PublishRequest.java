package org.asfcast.netsink.wire;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A request that publishes to a point, and how its body is framed. Three kinds: a plain
 * {@code PUT} or {@code POST} of raw ASF (FFmpeg's {@code -method PUT}, curl's {@code -T}),
 * chunked or with a Content-Length; and MS-WMHTTP's two POSTs, told apart by their Content-Type,
 * the PushSetup that opens a push session and the PushStart that carries its framed packets. A
 * player's POST (WMP's log and KeepAlive, from an {@code NSPlayer} agent) is not a publisher's.
 * Pure.
 *
 * @param kind          what the request is
 * @param pushId        the {@code push-id} cookie, empty without one or for {@code push-id=0}
 * @param contentLength the declared body length, empty when none is declared
 * @param chunked       whether the body is chunked
 */
public record PublishRequest(Kind kind, Optional<String> pushId, OptionalLong contentLength, boolean chunked) {

    /** The Content-Type of a PushSetup. */
    public static final String PUSH_SETUP = "application/x-wms-pushsetup";
    /** The Content-Type of a PushStart. */
    public static final String PUSH_START = "application/x-wms-pushstart";

    /** What a publishing request is. */
    public enum Kind {
        /** A PUT or POST whose body is an ASF stream as a file or a pipe holds it. */
        ASF_BODY,
        /** MS-WMHTTP PushSetup: opens a push session, answered 204 with its push-id. */
        PUSH_SETUP,
        /** MS-WMHTTP PushStart: the push session's framed packets. */
        PUSH_START
    }

    /**
     * Why a publishing request's body cannot be read.
     *
     * @param status   the HTTP status to answer
     * @param sentence what is wrong, for a person
     */
    public record Problem(int status, String sentence) {
    }

    /** The publishing request {@code head} is, or empty when it is none (a GET, a player's POST). */
    public static Optional<PublishRequest> of(RequestHead head) {
        String type = head.first("Content-Type").map(t -> t.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
        Kind kind;
        if (type.equals(PUSH_SETUP) && (head.method().equals("POST") || head.method().equals("PUT"))) {
            kind = Kind.PUSH_SETUP;
        } else if (type.equals(PUSH_START) && (head.method().equals("POST") || head.method().equals("PUT"))) {
            kind = Kind.PUSH_START;
        } else if (head.method().equals("PUT")
                || head.method().equals("POST") && ClientRequest.protocolOf(head.userAgent()) == ClientProtocol.PLAIN_HTTP) {
            kind = Kind.ASF_BODY;
        } else {
            return Optional.empty();
        }
        boolean chunked = head.all("Transfer-Encoding").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
        return Optional.of(new PublishRequest(kind, pushId(head), head.contentLength(), chunked));
    }

    /** Why the body cannot be read as this request frames it, or empty when it can. */
    public Optional<Problem> framingProblem(RequestHead head) {
        for (String coding : head.all("Transfer-Encoding")) {
            for (String part : coding.split(",")) {
                String c = part.strip().toLowerCase(Locale.ROOT);
                if (!c.isEmpty() && !c.equals("chunked")) {
                    return Optional.of(new Problem(501, "The transfer coding \"" + shown(c)
                            + "\" is not supported; send the body as it is, or chunked."));
                }
            }
        }
        if (chunked && contentLength.isPresent()) {
            return Optional.of(new Problem(400, "The request is both chunked and of a declared Content-Length; send one."));
        }
        if (chunked && kind == Kind.PUSH_START) {
            return Optional.of(new Problem(400, "A PushStart is never chunked; declare its Content-Length."));
        }
        if (!chunked && contentLength.isEmpty() && kind != Kind.PUSH_SETUP) {
            return Optional.of(new Problem(411, "Publishing needs a Content-Length or a chunked body."));
        }
        return Optional.empty();
    }

    /** The {@code push-id} of a Cookie header; {@code 0} (asking for a new session) counts as none. */
    static Optional<String> pushId(RequestHead head) {
        for (String cookie : head.all("Cookie")) {
            for (String pair : cookie.split(";")) {
                String p = pair.strip();
                if (p.regionMatches(true, 0, "push-id=", 0, 8)) {
                    String id = p.substring(8).strip();
                    return id.isEmpty() || id.equals("0") ? Optional.empty() : Optional.of(id);
                }
            }
        }
        return Optional.empty();
    }

    /** A client's text cut short and stripped of controls, to quote in a sentence. */
    static String shown(String text) {
        String cut = text.length() > 24 ? text.substring(0, 24) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
