package org.asfcast.netsink.wire;

import java.util.Locale;
import java.util.Objects;

/**
 * A parsed request with what the server needs to decide how to answer it: the protocol, the kind
 * of request, the user agent and the Pragma tokens.
 *
 * @param head      the request head as parsed
 * @param protocol  MS-WMSP for NSPlayer/NSServer user agents, plain HTTP otherwise
 * @param kind      describe, play, plain GET, HEAD or POST
 * @param userAgent the User-Agent value, empty if the client sent none
 * @param pragmas   the tokens of every Pragma header
 */
public record ClientRequest(RequestHead head, ClientProtocol protocol, RequestKind kind, String userAgent,
                            Pragmas pragmas) {
    /**
     * Checks nothing is null.
     *
     * @param head see the record description
     * @param protocol see the record description
     * @param kind see the record description
     * @param userAgent see the record description
     * @param pragmas see the record description
     */
    public ClientRequest {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(pragmas, "pragmas");
    }

    /**
     * Classifies a request (research §0.1, §1.1). The protocol comes from the User-Agent prefix,
     * as ffserver does it, because MPlayer treats the same Content-Type as framed or raw depending
     * on which module asked. A WMSP GET is a Play when a Pragma says {@code xPlayStrm=1} and a
     * Describe otherwise; a stray {@code stream-switch-entry} alone does not make it a Play.
     *
     * @param head a head from {@link RequestHeadParser} (method GET, HEAD or POST)
     * @return the classified request
     * @throws IllegalArgumentException if the method is not GET, HEAD or POST
     */
    public static ClientRequest classify(RequestHead head) {
        String userAgent = head.userAgent();
        ClientProtocol protocol = protocolOf(userAgent);
        Pragmas pragmas = Pragmas.of(head);
        RequestKind kind = switch (head.method()) {
            case "GET" -> protocol == ClientProtocol.PLAIN_HTTP ? RequestKind.HTTP_GET
                    : pragmas.isPlay() ? RequestKind.WMSP_PLAY : RequestKind.WMSP_DESCRIBE;
            case "HEAD" -> RequestKind.HEAD;
            case "POST" -> RequestKind.POST;
            default -> throw new IllegalArgumentException(
                    "only GET, HEAD and POST can be classified, not " + head.method());
        };
        return new ClientRequest(head, protocol, kind, userAgent, pragmas);
    }

    /**
     * The protocol a User-Agent gets: MS-WMSP if it starts with {@code NSPlayer} or
     * {@code NSServer}, in any case; plain HTTP otherwise.
     *
     * @param userAgent the User-Agent value, possibly empty
     * @return the protocol
     */
    public static ClientProtocol protocolOf(String userAgent) {
        String lower = userAgent.toLowerCase(Locale.ROOT);
        return lower.startsWith("nsplayer") || lower.startsWith("nsserver")
                ? ClientProtocol.MS_WMSP : ClientProtocol.PLAIN_HTTP;
    }
}
