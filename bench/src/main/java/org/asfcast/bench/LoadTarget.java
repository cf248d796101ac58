package org.asfcast.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where a {@link LoadGenerator} player connects and what it asks for: the server's address, the
 * {@code Host} header and the request target of one {@code mmsh://}, {@code mms://} or
 * {@code http://} URL.
 *
 * @param url     the URL as given
 * @param address the server's socket address
 * @param host    {@code HOST:PORT}, as the {@code Host} header carries it
 * @param target  the path and query, as the request line carries it
 */
record LoadTarget(String url, InetSocketAddress address, String host, String target) {

    /** The most URLs a list may hold: far more files than a benchmark spreads its players over. */
    static final int MAX_URLS = 100_000;

    /**
     * Reads one URL.
     *
     * @throws IllegalArgumentException when it is not an {@code mmsh}, {@code mms} or {@code http} URL with a host
     */
    static LoadTarget of(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url + " (" + e.getMessage() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("mmsh", "mms", "http").contains(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("a URL must be mmsh://HOST:PORT/PATH or http://HOST:PORT/PATH, not " + url);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new LoadTarget(url.strip(), new InetSocketAddress(uri.getHost(), port), uri.getHost() + ":" + port,
                uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
    }

    /**
     * Reads a list of URLs, one a line; blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException when the list holds no URL, more than {@value #MAX_URLS}, or one that is not a URL
     */
    static List<LoadTarget> list(Path file) throws IOException {
        List<LoadTarget> targets = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .limit(MAX_URLS + 1L)
                .map(LoadTarget::of)
                .toList();
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(file + " lists no URL (one a line)");
        }
        if (targets.size() > MAX_URLS) {
            throw new IllegalArgumentException(file + " lists more than " + MAX_URLS + " URLs");
        }
        return targets;
    }
}
