package org.asfcast.cli.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.asfcast.netsink.AddressRange;

/**
 * Reads and validates an {@code asfcast server} config file as a whole: every problem is found
 * and reported together, each as one line naming the file, the line and the setting.
 */
public final class ConfigFile {

    /** A config is a few KB; more is a mistake (the wrong file), not a config. */
    static final long LARGEST = 1 << 20;

    private static final List<String> KEYS = List.of("port", "bind", "host", "limits", "points",
            "admin");
    private static final List<String> LIMIT_KEYS = List.of("max-players", "max-bandwidth", "connections-per-second");

    private ConfigFile() {
    }

    /**
     * Reads {@code file}; the paths of file sources resolve against its folder.
     *
     * @throws ConfigException with every problem found, including a file that cannot be read
     */
    public static ServerConfig read(Path file) throws ConfigException {
        Problems problems = new Problems(file.toString());
        YamlNode.Position none = new YamlNode.Position(0, 0);
        String text;
        try {
            if (Files.isDirectory(file)) {
                problems.add(none, "", "is a folder, not a config file");
                problems.throwIfAny();
            }
            if (Files.size(file) > LARGEST) {
                problems.add(none, "", "is larger than 1 MiB; a config file is a few KB (is it the right file?)");
                problems.throwIfAny();
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            problems.add(none, "", "no such file");
            throw exception(problems);
        } catch (CharacterCodingException e) {
            problems.add(none, "", "is not UTF-8 text");
            throw exception(problems);
        } catch (IOException e) {
            problems.add(none, "", "cannot be read: " + e.getMessage());
            throw exception(problems);
        }
        return parse(text, file);
    }

    /**
     * Validates {@code yaml} as if read from {@code file} (its name in problems, its folder for file
     * sources); the file itself is not read.
     *
     * @throws ConfigException with every problem found
     */
    public static ServerConfig parse(String yaml, Path file) throws ConfigException {
        Problems problems = new Problems(file.toString());
        Optional<YamlNode> root = YamlTree.read(yaml, problems);
        if (root.isEmpty()) {
            throw exception(problems);
        }
        if (!(root.get() instanceof YamlNode.Mapping top)) {
            problems.add(root.get().position(), "", "must be a mapping of settings (port:, points:), not " + YamlNode.describe(root.get()));
            throw exception(problems);
        }
        Section s = new Section(top, "", problems, KEYS);
        Optional<Integer> port = s.integer("port", 0, 65535);
        if (!s.has("port")) {
            problems.add(top.position(), "port", "is missing; the server needs a port, such as port: 8080");
        }
        Optional<InetAddress> bind = s.text("bind").flatMap(t -> address(s, "bind", t));
        Optional<String> host = s.text("host").flatMap(t -> host(s, t));
        ServerLimits limits = s.node("limits").map(n -> limits(n, problems)).orElse(ServerLimits.DEFAULTS);
        List<PointConfig> points = points(s, file.toAbsolutePath().getParent());
        Optional<AdminConfig> admin = s.node("admin").flatMap(n -> AdminReader.read(n, port, problems));
        problems.throwIfAny();
        return new ServerConfig(file, port.orElseThrow(), bind, host, limits, points, admin);
    }

    private static ConfigException exception(Problems problems) {
        try {
            problems.throwIfAny();
        } catch (ConfigException e) {
            return e;
        }
        throw new IllegalStateException("no problem to report");
    }

    /** The address {@code key} names (one of this machine's), or empty when it names none (reported). */
    static Optional<InetAddress> address(Section s, String key, String text) {
        if (text.contains("/")) {
            s.problem(key, "must be one address, not a network: \"" + text + "\"");
            return Optional.empty();
        }
        try {
            return Optional.of(AddressRange.parse(text).network());
        } catch (IllegalArgumentException e) {
            s.problem(key, "must be an IP address of this machine, such as 127.0.0.1 or ::1: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<String> host(Section s, String text) {
        // A name or an address players can reach; it goes into URLs, so nothing that would break one.
        if (text.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?")) {
            return Optional.of(text);
        }
        if (text.contains(":")) {
            try {
                AddressRange.parse(text);
                if (!text.contains("/")) {
                    return Optional.of(text);
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        s.problem("host", "must be a host name or an IP address, such as radio.example.org, not \"" + text + "\"");
        return Optional.empty();
    }

    private static ServerLimits limits(YamlNode node, Problems problems) {
        if (!(node instanceof YamlNode.Mapping m)) {
            problems.add(node.position(), "limits", "must be a mapping (max-players:, max-bandwidth:, connections-per-second:), not "
                    + YamlNode.describe(node));
            return ServerLimits.DEFAULTS;
        }
        Section s = new Section(m, "limits", problems, LIMIT_KEYS);
        ServerLimits d = ServerLimits.DEFAULTS;
        int players = s.integer("max-players", 1, 10_000_000).orElse(d.maxPlayers());
        BitRate bandwidth = s.text("max-bandwidth").flatMap(t -> {
            try {
                return Optional.of(BitRate.parse(t));
            } catch (IllegalArgumentException e) {
                s.problem("max-bandwidth", e.getMessage());
                return Optional.empty();
            }
        }).orElse(d.maxBandwidth());
        int rate = s.integer("connections-per-second", 0, 1_000_000).orElse(d.connectionsPerSecond());
        return new ServerLimits(players, bandwidth, rate);
    }

    private static List<PointConfig> points(Section s, Path folder) {
        Problems problems = s.problems();
        Optional<YamlNode> node = s.node("points");
        if (node.isEmpty()) {
            problems.add(s.position(), "points", "is missing; the server needs at least one point, such as"
                    + " points: [{path: /, test-pattern: {}}]");
            return List.of();
        }
        if (!(node.get() instanceof YamlNode.Sequence list)) {
            problems.add(node.get().position(), "points", "must be a list of points (lines starting with '- path:'), not "
                    + YamlNode.describe(node.get()));
            return List.of();
        }
        if (list.items().isEmpty()) {
            problems.add(list.position(), "points", "lists no point; the server needs at least one");
        }
        List<PointConfig> points = new ArrayList<>();
        Map<String, String> seenPaths = new HashMap<>();
        String stdinPoint = null;
        for (int i = 0; i < list.items().size(); i++) {
            String name = "points[" + i + "]";
            YamlNode item = list.items().get(i);
            PointReader.read(item, name, folder, problems).ifPresent(points::add);
            // Checks across points read the tree, so that they hold even when a point has other problems.
            if (!(item instanceof YamlNode.Mapping m)) {
                continue;
            }
            String here = name + " (line " + m.position().line() + ")";
            m.entry("path").map(YamlNode.Entry::value).filter(YamlNode.Scalar.class::isInstance).map(YamlNode.Scalar.class::cast)
                    .filter(path -> path.kind() != YamlNode.Kind.NULL).ifPresent(path -> {
                        String normal = PointPaths.normalize(path.text());
                        String first = seenPaths.putIfAbsent(normal, here);
                        if (first != null) {
                            problems.add(path.position(), name + ".path", "is " + normal + " again: " + first
                                    + " has it already (a trailing '/' makes no difference)");
                        }
                    });
            Optional<YamlNode.Entry> stdin = m.entry("stdin");
            if (stdin.isPresent()) {
                if (stdinPoint != null) {
                    problems.add(stdin.get().keyPosition(), name + ".stdin", "standard input can feed one point only, and "
                            + stdinPoint + " reads it already");
                } else {
                    stdinPoint = here;
                }
            }
        }
        return points;
    }
}
