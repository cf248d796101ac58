package org.asfcast.client;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.asfcast.asf.AsfHeader;

/**
 * What a server says about a stream before playing it: the MS-WMSP Describe response (or, in
 * plain HTTP, the start of the GET response) and the ASF header it carried.
 *
 * @param uri         the URI described
 * @param transport   how it was asked
 * @param response    the HTTP response head
 * @param headerBytes the header as received: ASF Header Object, normally followed by the 50-byte
 *                    Data Object header
 * @param header      the parsed ASF header
 */
public record StreamDescription(URI uri, Transport transport, ResponseHead response, byte[] headerBytes,
                                AsfHeader header) {

    /** The HTTP status (always 200: other statuses raise {@link HttpStatusException}). */
    public int status() {
        return response.status();
    }

    /** The session id from {@code Pragma: client-id=}, if the server sent one. */
    public OptionalLong clientId() {
        return response.clientId();
    }

    /** The {@code Pragma: features="…"} value, quotes removed, if sent. */
    public Optional<String> features() {
        return response.pragma("features");
    }

    /**
     * True when {@code features} names {@code broadcast}. VLC also treats a response with no
     * {@code features} at all as broadcast; {@link #features()} tells the two apart.
     */
    public boolean broadcast() {
        return features().map(f -> f.toLowerCase(Locale.ROOT).contains("broadcast")).orElse(false);
    }

    /** The data packet size the header declares; every packet played has this size. */
    public int packetSize() {
        return header.packetSize();
    }
}
