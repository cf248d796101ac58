package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.asfcast.cli.config.AdminConfig;
import org.asfcast.netsink.ServerSettings;
import org.asfcast.netsink.StreamingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A reloaded {@code admin:} section: a new token applies on the same listener, a new port moves it,
 * a port that cannot be bound keeps the old one, no section closes it.
 */
class LiveAdminTest {

    private final StreamingServer server = new StreamingServer(ServerSettings.defaults());
    private final HttpClient http = HttpClient.newHttpClient();
    private final LiveAdmin admin = new LiveAdmin(server, new org.asfcast.ops.admin.RunningSources());

    @AfterEach
    void close() {
        admin.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static AdminConfig config(int port, String token) {
        return new AdminConfig(port, InetAddress.getLoopbackAddress(), Optional.of(token), Optional.empty(), Optional.empty());
    }

    private int status(int port, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/status"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aReloadReplacesTheTokenMovesThePortOrCloses() throws Exception {
        int first = freePort();
        admin.open(Optional.of(config(first, "a")));
        assertThat(admin.url()).contains("http://127.0.0.1:" + first);
        assertThat(status(first, "a")).isEqualTo(200);
        assertThat(admin.apply(Optional.of(config(first, "a")))).as("nothing changed").isEmpty();

        assertThat(admin.apply(Optional.of(config(first, "b")))).contains("admin credential replaced");
        assertThat(status(first, "a")).isEqualTo(401);
        assertThat(status(first, "b")).isEqualTo(200);

        int second = freePort();
        assertThat(admin.apply(Optional.of(config(second, "b")))).contains("admin listener on http://127.0.0.1:" + second);
        assertThat(status(second, "b")).isEqualTo(200);
        assertThatThrownBy(() -> status(first, "b")).isInstanceOf(ConnectException.class);

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Optional<String> refused = admin.apply(Optional.of(config(taken.getLocalPort(), "b")));
            assertThat(refused.orElseThrow()).startsWith("admin listener not moved, it stays as it was: admin: ")
                    .contains("port " + taken.getLocalPort());
        }
        assertThat(status(second, "b")).as("the old listener, back").isEqualTo(200);

        assertThat(admin.apply(Optional.empty())).contains("admin listener closed");
        assertThat(admin.url()).isEmpty();
        assertThatThrownBy(() -> status(second, "b")).isInstanceOf(ConnectException.class);
    }

    @Test
    void aPortInUseAtStartIsTheUsersError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> admin.open(Optional.of(config(taken.getLocalPort(), "a"))))
                    .isInstanceOf(Failures.UserError.class).hasMessageContaining("the admin listener cannot listen on 127.0.0.1");
        }
        admin.open(Optional.empty());
        assertThat(admin.url()).isEmpty();
    }
}
