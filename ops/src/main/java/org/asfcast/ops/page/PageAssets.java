package org.asfcast.ops.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.asfcast.ops.admin.AdminResponse;

/**
 * The status page's three files (HTML, script, style), read from the jar once and served as they
 * are. They hold no data: everything the page shows comes from the API with the admin token, so
 * they are the only answers the admin listener gives without one.
 *
 * <p>Every answer carries a content security policy that lets the page load only its own script
 * and style and talk only to its own origin, and forbids framing (a framed page's kick buttons
 * could be clicked by another site), and {@code Referrer-Policy: no-referrer}, so a {@code ?token=}
 * in the address never leaves in a Referer.
 */
final class PageAssets {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Map<String, AdminResponse> byPath = new LinkedHashMap<>();

    PageAssets() {
        add("/", "index.html", "text/html; charset=utf-8");
        add("/status-page.js", "status-page.js", "text/javascript; charset=utf-8");
        add("/status-page.css", "status-page.css", "text/css; charset=utf-8");
    }

    /** The paths served. */
    Iterable<String> paths() {
        return byPath.keySet();
    }

    /** The answer for {@code path}, if it is one of the page's files. */
    Optional<AdminResponse> answer(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    private void add(String path, String resource, String type) {
        byPath.put(path, AdminResponse.ok(type, read(resource))
                .withHeader("Content-Security-Policy", POLICY)
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("X-Frame-Options", "DENY")
                .withHeader("Referrer-Policy", "no-referrer"));
    }

    private static byte[] read(String resource) {
        try (InputStream in = PageAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the status page's " + resource + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the status page's " + resource, e);
        }
    }
}
