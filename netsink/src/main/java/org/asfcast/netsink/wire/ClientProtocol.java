package org.asfcast.netsink.wire;

/**
 * How a client is served, decided once per request from its User-Agent. Shown in the client list.
 */
public enum ClientProtocol {
    /** Windows Media HTTP Streaming ("mmsh"): framed {@code $H}/{@code $D}/{@code $E} chunks. */
    MS_WMSP,
    /** Plain HTTP: raw ASF bytes, for {@code ffmpeg -i http://...}, VLC's http module, curl. */
    PLAIN_HTTP
}
