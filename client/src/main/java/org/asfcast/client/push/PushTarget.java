package org.asfcast.client.push;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.asfcast.writer.SdkError;
import org.asfcast.writer.SdkException;

/**
 * Where a push goes, read from the publishing point's URL: {@code http://[user:password@]host[:port]/path[?query]}.
 * The port defaults to 80, as the SDK's push sink's does. The request target keeps the path and the
 * query as written, so a token in the query ({@code ?token=T}) reaches the server in every request
 * line; the user-info answers the server's Digest or Basic challenge ({@link PushAuthorization}) and
 * never goes into a request line.
 *
 * @param host          the host name or address (an IPv6 address without brackets)
 * @param port          the TCP port
 * @param requestTarget the request line's target: the raw path ({@code /} when empty) and query
 * @param credentials   {@code user:password} from the URL's user-info, percent-decoded
 */
public record PushTarget(String host, int port, String requestTarget, Optional<String> credentials) {

    /** The SDK's default port for a push. */
    public static final int DEFAULT_PORT = 80;

    /**
     * Reads a publishing point URL.
     *
     * @throws SdkException E_INVALIDARG when the URL is null, not a URL or not {@code http://};
     *                      NS_E_INVALID_NAME when it has no host name asfcast can use
     */
    public static PushTarget parse(String url) {
        if (url == null) {
            throw new SdkException(SdkError.E_INVALIDARG, "the publishing point URL is null");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new SdkException(SdkError.E_INVALIDARG, "'" + url + "' is not a URL: " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new SdkException(SdkError.E_INVALIDARG, "a push goes to an http:// URL (MS-WMHTTP), not '" + url + "'");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new SdkException(SdkError.NS_E_INVALID_NAME, "'" + url + "' has no valid host name");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        Optional<String> credentials = Optional.ofNullable(uri.getUserInfo()).filter(s -> !s.isEmpty());
        return new PushTarget(host, port, target, credentials);
    }

    /** The Host header's value: the host, with the port unless it is 80, an IPv6 address in brackets. */
    public String hostHeader() {
        String name = host.contains(":") ? "[" + host + "]" : host;
        return port == DEFAULT_PORT ? name : name + ":" + port;
    }

    /** The URL without its credentials, for messages: {@code http://host:port/path?query}. */
    public String redacted() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + requestTarget;
    }

    @Override
    public String toString() {
        return redacted(); // credentials never reach a log line
    }
}
