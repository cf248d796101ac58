package org.asfcast.netsink;

/** The network protocols the sink can serve: HTTP only, as in the SDK ({@code WMT_PROTOCOL_HTTP}). */
public enum NetworkProtocol {
    /** MS-WMSP over HTTP for Windows Media players, plain ASF over HTTP for everyone else. */
    HTTP
}
