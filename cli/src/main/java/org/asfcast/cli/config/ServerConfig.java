package org.asfcast.cli.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A validated config file: one port, the server-wide limits and the publishing points. Made by
 * {@link ConfigFile#read(Path)}; compared with {@link ConfigDiff#between}.
 *
 * @param file the file it was read from
 * @param port 0..65535; 0 picks a free port
 * @param bind listen on this address only; empty for every interface
 * @param host the host name put in printed URLs and metafiles; empty for the machine's
 * @param limits the server-wide limits
 * @param points at least one, paths unique, in file order
 * @param admin the admin listener, if the file has an {@code admin:} section
 */
public record ServerConfig(Path file, int port, Optional<InetAddress> bind, Optional<String> host, ServerLimits limits,
        List<PointConfig> points, Optional<AdminConfig> admin) {

    /** Copies the points. */
    public ServerConfig {
        points = List.copyOf(points);
        java.util.Objects.requireNonNull(admin, "admin");
    }

    /** A config without an admin listener. */
    public ServerConfig(Path file, int port, Optional<InetAddress> bind, Optional<String> host, ServerLimits limits,
                        List<PointConfig> points) {
        this(file, port, bind, host, limits, points, Optional.empty());
    }

    /** The point with this path, written with or without its trailing '/'. */
    public Optional<PointConfig> point(String path) {
        String p = PointPaths.normalize(path);
        return points.stream().filter(c -> c.path().equals(p)).findFirst();
    }
}
