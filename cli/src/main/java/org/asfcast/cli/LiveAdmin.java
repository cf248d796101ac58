package org.asfcast.cli;

import java.util.Optional;
import io.netty.handler.ssl.SslContext;
import org.asfcast.cli.config.AdminConfig;
import org.asfcast.netsink.StreamingServer;
import org.asfcast.ops.admin.AdminActions;
import org.asfcast.ops.admin.AdminCredentials;
import org.asfcast.ops.admin.AdminServer;
import org.asfcast.ops.page.StatusPage;

/**
 * The admin listener of a running {@code asfcast server}, as its config's {@code admin:} section
 * says: none without one; on a reload, a new credential applies to the next request, a new port or
 * address opens the listener again there (its counts go on), a removed section closes it. The
 * listener is made once, when first needed, so its counts last as long as the server.
 */
final class LiveAdmin {

    private final StreamingServer server;
    private final AdminActions actions;
    private AdminServer listener;
    private StatusPage page;
    private Optional<AdminConfig> config = Optional.empty();
    private Optional<SslContext> tls = Optional.empty();

    LiveAdmin(StreamingServer server, AdminActions actions) {
        this.server = server;
        this.actions = actions;
    }

    /**
     * Opens the listener {@code admin} describes (nothing without it).
     *
     * @throws Failures.UserError when its port cannot be bound
     */
    synchronized void open(Optional<AdminConfig> admin, Optional<SslContext> tls) {
        this.tls = tls;
        admin.ifPresent(this::listen);
        config = admin;
    }

    /** As {@link #open(Optional, Optional)} without TLS. */
    synchronized void open(Optional<AdminConfig> admin) {
        open(admin, Optional.empty());
    }

    /**
     * Applies a reloaded {@code admin:} section, and the certificate of a reloaded {@code tls:}
     * (read again at every reload: a renewed one serves the next admin connection); returns what
     * changed, in a sentence, if anything did.
     */
    synchronized Optional<String> apply(Optional<AdminConfig> next, Optional<SslContext> nextTls) {
        tls = nextTls;
        if (listener != null && next.isPresent() && next.equals(config)) {
            listener.ssl(next.get().tls() ? tls : Optional.empty());
        }
        if (next.equals(config)) {
            return Optional.empty();
        }
        Optional<AdminConfig> old = config;
        String done;
        if (next.isEmpty()) {
            listener.close();
            done = "admin listener closed";
        } else if (old.isEmpty() || next.get().listenerChanged(old.get())) {
            if (listener != null) {
                listener.close();
            }
            try {
                listen(next.get());
            } catch (Failures.UserError e) {
                // The old listener comes back, so the operator keeps a way in.
                old.ifPresent(this::listen);
                return Optional.of("admin listener not moved, it stays as it was: " + e.getMessage());
            }
            done = "admin listener on " + listener.url();
        } else {
            listener.credentials(credentials(next.get()));
            listener.ssl(next.get().tls() ? tls : Optional.empty());
            done = "admin credential replaced";
        }
        config = next;
        return Optional.of(done);
    }

    /** The listener's URL, while it listens. */
    synchronized Optional<String> url() {
        return listener != null && listener.isOpen() ? Optional.of(listener.url()) : Optional.empty();
    }

    synchronized void close() {
        if (listener != null) {
            listener.close();
            page.close();
        }
    }

    /** As {@link #apply(Optional, Optional)} without TLS. */
    synchronized Optional<String> apply(Optional<AdminConfig> next) {
        return apply(next, Optional.empty());
    }

    private void listen(AdminConfig c) {
        // With admin.tls, the top-level tls: section's certificate (the config check makes sure there is one).
        Optional<SslContext> context = c.tls() ? tls : Optional.empty();
        if (listener == null) {
            listener = new AdminServer(server, actions, credentials(c), context);
            // The status page lives as long as the listener object, so its ten minutes outlast a move.
            page = StatusPage.serve(listener);
            page.start();
        } else {
            listener.credentials(credentials(c));
            listener.ssl(context);
        }
        try {
            listener.open(c.bind(), c.port());
        } catch (IllegalStateException e) {
            throw new Failures.UserError("admin: " + e.getMessage());
        }
    }

    private static AdminCredentials credentials(AdminConfig c) {
        return new AdminCredentials(c.token(), c.user(), c.password());
    }
}
