package org.asfcast.ops.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin listener's routes, in the order added: a request goes to the first whose method and
 * pattern match; a path some route has but not for this method gets 405 with {@code Allow}; a path
 * none has gets 404. Pure (no sockets): the listener hands it requests already authenticated.
 */
public final class AdminRoutes {

    private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);

    private final List<AdminRoute> routes = new CopyOnWriteArrayList<>();
    private final List<AdminRoute> open = new CopyOnWriteArrayList<>();

    /** Adds a route; it answers from the next request on. */
    public void add(AdminRoute route) {
        routes.add(route);
    }

    /**
     * Adds a GET route answered without the credential, for what holds no data at all (the status
     * page's own files, which ask for the token themselves).
     */
    public void addOpen(AdminRoute route) {
        if (!route.method().equals("GET")) {
            throw new IllegalArgumentException("only a GET route may be open, not " + route.method());
        }
        open.add(route);
        routes.add(route);
    }

    /** Whether {@code method path} goes to a route added with {@link #addOpen}. */
    public boolean isOpen(String method, String path) {
        return (method.equals("GET") || method.equals("HEAD"))
                && open.stream().anyMatch(r -> r.pattern().match(path).isPresent());
    }

    /** The routes, in order. */
    public List<AdminRoute> list() {
        return List.copyOf(routes);
    }

    /** The answer to {@code request}. */
    public AdminResponse answer(AdminRequest request) {
        String method = request.method().equals("HEAD") ? "GET" : request.method();
        TreeSet<String> allowed = new TreeSet<>();
        for (AdminRoute route : routes) {
            Optional<Map<String, String>> captured = route.pattern().match(request.path());
            if (captured.isEmpty()) {
                continue;
            }
            if (!route.method().equals(method)) {
                allowed.add(route.method());
                continue;
            }
            try {
                return route.endpoint().answer(request.withParams(captured.get()));
            } catch (RuntimeException e) {
                log.warn("the admin route {} {} failed on {}: {}", route.method(), route.pattern(), request.path(),
                        e.toString(), e);
                return AdminResponse.sentence(500, "The server failed to answer " + request.path()
                        + "; its log says why.");
            }
        }
        if (!allowed.isEmpty()) {
            if (allowed.contains("GET")) {
                allowed.add("HEAD");
            }
            return AdminResponse.sentence(405, request.path() + " answers " + String.join(", ", allowed)
                    + ", not " + request.method() + ".").withHeader("Allow", String.join(", ", allowed));
        }
        return AdminResponse.sentence(404, "The admin listener has nothing at " + request.path() + ".");
    }
}
