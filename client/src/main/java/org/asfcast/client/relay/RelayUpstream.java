package org.asfcast.client.relay;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.asfcast.client.Transport;

/**
 * The stream an edge relays: the origin's URL and how it is asked for. {@code mmsh://} (and
 * {@code http://} by default, as Windows Media Services' distribution servers ask) mean MS-WMSP
 * with an {@code NSServer} User-Agent; {@code http://} with the plain protocol means one GET of raw
 * ASF (an Icecast-style server, or any asfcast point asked as a browser would).
 *
 * @param uri       the origin's stream, with host, port and path
 * @param transport how the origin is asked
 */
public record RelayUpstream(URI uri, Transport transport) {

    /** The port of a URL without one: 80, as players assume for mmsh:// and http://. */
    public static final int DEFAULT_PORT = 80;

    /** Checks that the URL can be asked in this transport. */
    public RelayUpstream {
        if (transport == Transport.PLAIN_HTTP && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("plain HTTP needs an http:// URL, not " + uri);
        }
    }

    /**
     * Reads a URL as a config file writes it, with the protocol named or not.
     *
     * @param text     {@code mmsh://origin:8080/live} or {@code http://origin/live}
     * @param protocol {@code wmsp} (the default, also for http://) or {@code plain} (raw ASF, http:// only)
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    public static RelayUpstream parse(String text, String protocol) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL (" + e.getReason() + " at character " + (e.getIndex() + 1)
                    + "); write it as mmsh://origin:8080/live");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("mmsh") && !scheme.equals("http")) {
            throw new IllegalArgumentException("must be an mmsh:// or http:// URL, not "
                    + (scheme.isEmpty() ? "\"" + text + "\"" : "a " + scheme + ":// one"));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("has no host name: write it as " + scheme + "://origin:8080/live");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("has a user name in it; the origin's point must let the edge play without one");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("has a #fragment, which no server would see; remove it");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("has port " + uri.getPort() + "; a port is 1 to 65535");
        }
        if (uri.getPort() < 0 && uri.getAuthority() != null && uri.getAuthority().endsWith(":")) {
            throw new IllegalArgumentException("has an empty port after the colon");
        }
        URI normalized = URI.create(scheme + "://" + uri.getRawAuthority()
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        return switch (protocol.toLowerCase(Locale.ROOT)) {
            case "wmsp" -> new RelayUpstream(normalized, Transport.WMSP);
            case "plain" -> {
                if (!scheme.equals("http")) {
                    throw new IllegalArgumentException("asks for plain HTTP, which needs an http:// URL, not an mmsh:// one");
                }
                yield new RelayUpstream(normalized, Transport.PLAIN_HTTP);
            }
            default -> throw new IllegalArgumentException("protocol must be wmsp or plain, not \"" + protocol + "\"");
        };
    }

    /** A URL in the default protocol (MS-WMSP). */
    public static RelayUpstream parse(String text) {
        return parse(text, "wmsp");
    }

    /** The URL and, for plain HTTP, that it is plain: for the log and the status. */
    public String describe() {
        return transport == Transport.PLAIN_HTTP ? uri + " (plain HTTP)" : uri.toString();
    }
}
