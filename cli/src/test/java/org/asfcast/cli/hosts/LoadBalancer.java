package org.asfcast.cli.hosts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.testing.Tools;

/**
 * HAProxy from Debian, started by the test in its own host, in front of servers in other hosts:
 * TCP mode (players' requests and the streams pass as they are), health checks every 300 ms that
 * fetch a point's {@code .asx} metafile (which takes no player's slot), so that a dead server is
 * out of the rotation within a second; a connection that fails is tried again on another server.
 */
public final class LoadBalancer implements AutoCloseable {

    /** How HAProxy picks a server for each new connection. */
    public enum Balance {
        /** Each server in turn. */
        ROUNDROBIN,
        /** The server with the fewest open connections: a player's stream, which lasts, counts. */
        LEASTCONN
    }

    private final Host host;
    private final int port;
    private final Process process;
    private final Path log;

    private LoadBalancer(Host host, int port, Process process, Path log) {
        this.host = host;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts HAProxy in {@code host} on {@code port}, balancing over {@code servers} (each
     * {@code address:port}), checking each with {@code GET checkPath}; waits until it listens.
     */
    public static LoadBalancer start(Host host, int port, Balance balance, String checkPath, List<String> servers,
                                     Path dir) throws IOException, InterruptedException {
        Path haproxy = Tools.require("haproxy", "haproxy");
        List<String> lines = new ArrayList<>(List.of(
                "global",
                "  maxconn 4000",
                "defaults",
                "  mode tcp",
                // A connection a server refuses is tried again after this (at most 1 s), on another server.
                "  timeout connect 500ms",
                "  timeout client 2m",
                "  timeout server 2m",
                "  timeout check 1s",
                "  retries 2",
                "  option redispatch 1",
                "frontend players",
                "  bind " + host.address() + ":" + port,
                "  default_backend servers",
                "backend servers",
                "  balance " + balance.name().toLowerCase(java.util.Locale.ROOT),
                "  option httpchk GET " + checkPath,
                "  default-server check inter 300ms fall 2 rise 2"));
        for (int i = 0; i < servers.size(); i++) {
            lines.add("  server s" + (i + 1) + " " + servers.get(i));
        }
        Path config = Files.writeString(dir.resolve("haproxy-" + host.role() + ".cfg"), String.join("\n", lines) + "\n");
        Path log = dir.resolve("haproxy-" + host.role() + ".log");
        Files.deleteIfExists(log);
        Files.createFile(log);
        Process p = host.start(dir, log, List.of(haproxy.toString(), "-f", config.toString(), "-db"));
        LoadBalancer lb = new LoadBalancer(host, port, p, log);
        lb.awaitListening(Duration.ofSeconds(15));
        return lb;
    }

    /** The address players connect to, {@code address:port}. */
    public String endpoint() {
        return host.address() + ":" + port;
    }

    /** What HAProxy printed (its start, servers going down and up). */
    public String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("HAProxy ended at its start: " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host.address(), port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("HAProxy did not listen on " + endpoint() + " within " + timeout + ": " + log());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
