package org.asfcast.ops.admin;

import java.util.Locale;
import java.util.Objects;

/**
 * One route of the admin listener: a method, a path pattern and what answers it. Add routes with
 * {@link AdminServer#route(AdminRoute)}.
 *
 * @param method   the HTTP method it answers (upper case)
 * @param pattern  the paths it answers
 * @param endpoint what answers
 */
public record AdminRoute(String method, RoutePattern pattern, AdminEndpoint endpoint) {

    public AdminRoute {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** A GET route (it answers HEAD too). */
    public static AdminRoute get(String pattern, AdminEndpoint endpoint) {
        return new AdminRoute("GET", RoutePattern.of(pattern), endpoint);
    }

    /** A POST route. */
    public static AdminRoute post(String pattern, AdminEndpoint endpoint) {
        return new AdminRoute("POST", RoutePattern.of(pattern), endpoint);
    }
}
