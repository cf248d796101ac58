package org.asfcast.client;

import java.net.URI;
import java.util.Locale;

/** How a stream is carried over HTTP: framed for Windows Media players, or raw ASF. */
public enum Transport {
    /** MS-WMSP ("mmsh"): NSPlayer requests, a Describe then a Play, {@code $H}/{@code $D}/{@code $E} chunks. */
    WMSP,
    /** Plain HTTP: one GET with a non-NSPlayer User-Agent; the body is raw ASF. */
    PLAIN_HTTP;

    /**
     * The transport a URI asks for: {@code mmsh://} (and {@code mms://}, which this client can
     * only reach over HTTP) mean MS-WMSP; {@code http://} means plain HTTP unless {@code wmspOverHttp}.
     *
     * @throws IllegalArgumentException for any other scheme
     */
    public static Transport of(URI uri, boolean wmspOverHttp) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "mmsh", "mms" -> WMSP;
            case "http" -> wmspOverHttp ? WMSP : PLAIN_HTTP;
            default -> throw new IllegalArgumentException("cannot play " + uri + ": the scheme must be mmsh, mms or http");
        };
    }
}
