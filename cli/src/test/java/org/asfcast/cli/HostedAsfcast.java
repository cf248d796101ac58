package org.asfcast.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asfcast.cli.hosts.Host;
import org.asfcast.cli.hosts.StatusApi;

/**
 * {@code ./asfcast} run in a host of a {@link org.asfcast.cli.hosts.Network}: a server config with
 * its points on {@value #PORT} and the admin listener on {@value #ADMIN_PORT}, both on the host's
 * address (each host has its own ports, so every server may use the same ones).
 */
final class HostedAsfcast {

    /** The players' port of every server. */
    static final int PORT = 8080;
    /** The admin listener's port of every server. */
    static final int ADMIN_PORT = 8081;
    /** The admin token of every server. */
    static final String ADMIN_TOKEN = "across-hosts-admin";

    private HostedAsfcast() {
    }

    /** Writes {@code host}'s server config into {@code dir}, with these points (one YAML flow mapping each). */
    static Path config(Path dir, Host host, String... points) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "port: " + PORT,
                "bind: " + host.address(),
                "admin: {port: " + ADMIN_PORT + ", bind: " + host.address() + ", token: " + ADMIN_TOKEN + "}",
                "points:"));
        for (String point : points) {
            lines.add("  - " + point);
        }
        return Files.writeString(dir.resolve(host.role() + ".yml"), String.join("\n", lines) + "\n");
    }

    /** Starts {@code asfcast server CONFIG} in {@code host} and waits until it serves. */
    static AsfcastProcess server(Host host, Path config) throws IOException, InterruptedException {
        AsfcastProcess server = start(host, "server", config.toString());
        server.awaitLine("Ctrl-C stops", Duration.ofSeconds(90));
        return server;
    }

    /** Starts {@code ./asfcast ARGS} in {@code host} (the process is Java's own: signals reach it). */
    static AsfcastProcess start(Host host, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("./asfcast"));
        command.addAll(List.of(args));
        // ip netns exec executes the command itself, and bash's last command replaces the shell.
        return AsfcastProcess.startShell("exec " + String.join(" ", host.command(command)));
    }

    /** {@code mmsh://HOST:PORT/path}. */
    static String mmsh(Host host, String path) {
        return "mmsh://" + host.address() + ":" + PORT + path;
    }

    /** The status API of the server in {@code host}. */
    static StatusApi status(Host host) {
        return new StatusApi(host.address(), ADMIN_PORT, ADMIN_TOKEN);
    }
}
