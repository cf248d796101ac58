package org.asfcast.ops.admin;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to the admin listener, as a route sees it: already authenticated, its path matched.
 *
 * @param method  the HTTP method, upper case
 * @param path    the path, percent-decoded, without the query
 * @param query   the query parameters (the first value of each)
 * @param params  what the route's pattern captured, by name ({@code {path+}} gives the point's path
 *                with its leading slash)
 * @param body    the request body as text (empty when none)
 * @param remote  where it came from
 * @param caller  who asked: the Basic user's name, or {@code "token"} for a bearer token
 */
public record AdminRequest(String method, String path, Map<String, String> query, Map<String, String> params,
                           String body, InetSocketAddress remote, String caller) {

    public AdminRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        params = Map.copyOf(params);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(caller, "caller");
    }

    /** The same request with what a route's pattern captured. */
    AdminRequest withParams(Map<String, String> captured) {
        return new AdminRequest(method, path, query, captured, body, remote, caller);
    }

    /** A captured parameter. @throws IllegalArgumentException when the route's pattern has no such name */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route captured no {" + name + "}");
        }
        return value;
    }

    /** A query parameter, if sent. */
    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** Who asked, for the log: {@code caller from address}. */
    public String who() {
        return caller + " from " + remote.getAddress().getHostAddress();
    }
}
