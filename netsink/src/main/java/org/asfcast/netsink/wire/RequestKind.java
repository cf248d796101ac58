package org.asfcast.netsink.wire;

/** What a request asks the server to do; see {@link ClientRequest#classify(RequestHead)}. */
public enum RequestKind {
    /** MS-WMSP GET without {@code xPlayStrm=1}: answer with the {@code $H} chunk, then close. */
    WMSP_DESCRIBE,
    /** MS-WMSP GET with {@code xPlayStrm=1}: answer with {@code $H}, then {@code $D} chunks. */
    WMSP_PLAY,
    /** GET from a non-WMSP client: answer with raw ASF (header, then packets). */
    HTTP_GET,
    /** HEAD from any client: answer with the head a GET would get, no body. */
    HEAD,
    /** POST from any client (WMP log or {@code xStopStrm}): answer 200 with an empty body. */
    POST
}
