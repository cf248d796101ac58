package org.asfcast.cli.config;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code admin:} section: the operator's listener (status API, metrics, actions) and who may
 * use it.
 *
 * @param port     its TCP port, 0..65535 (0 picks a free one)
 * @param bind     the address it listens on; 127.0.0.1 unless the config says otherwise
 * @param token    the bearer token ({@code Authorization: Bearer T}), if any
 * @param user     the Basic user, if any (always with {@code password})
 * @param password the Basic password, if any (always with {@code user})
 */
public record AdminConfig(int port, InetAddress bind, Optional<String> token, Optional<String> user,
                          Optional<String> password) {

    public AdminConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** Whether a change from {@code old} needs the listener opened again (else only the credential changed). */
    public boolean listenerChanged(AdminConfig old) {
        return port != old.port || !bind.equals(old.bind);
    }

    @Override
    public String toString() {
        // Never the secrets: a config may be printed in a log line.
        return "AdminConfig[port=" + port + ", bind=" + bind.getHostAddress() + ", token=" + (token.isPresent() ? "set" : "none")
                + ", user=" + user.orElse("none") + "]";
    }
}
