package org.asfcast.cli.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may play a point: player tokens from a list or a hook, and users who may play with a
 * password (HTTP Basic). Everything here applies on reload to new requests without dropping anyone.
 *
 * @param tokens the tokens that open the point (each 8 to 200 URL-safe characters); empty with a hook or none
 * @param hook   the hook that decides instead of a list
 * @param users  user name to password, for HTTP Basic (MPlayer, FFmpeg's http://)
 */
public record GuardConfig(List<String> tokens, Optional<Hook> hook, Map<String, String> users) {

    /** A point anyone may play. */
    public static final GuardConfig OPEN = new GuardConfig(List.of(), Optional.empty(), Map.of());

    /**
     * A token hook.
     *
     * @param url     where to POST (http or https)
     * @param timeout how long a player waits for its answer before 503 (default 2 s)
     * @param cache   how long an answer is kept per token, address and point (default 60 s)
     */
    public record Hook(URI url, Duration timeout, Duration cache) {
        /** The defaults of a hook that gives only its URL. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
        /** How long an answer is kept by default. */
        public static final Duration DEFAULT_CACHE = Duration.ofSeconds(60);
    }

    /** Copies the list and the map (keeping the users' order). */
    public GuardConfig {
        tokens = List.copyOf(tokens);
        users = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(users));
    }

    /** Whether anyone may play. */
    public boolean isOpen() {
        return tokens.isEmpty() && hook.isEmpty() && users.isEmpty();
    }

    @Override
    public String toString() {
        // Never the tokens or passwords: a config may be printed.
        return isOpen() ? "open" : tokens.size() + " tokens, hook " + hook.map(h -> h.url().toString()).orElse("none")
                + ", " + users.size() + " users";
    }
}
