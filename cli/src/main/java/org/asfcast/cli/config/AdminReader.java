package org.asfcast.cli.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code admin:} section (port, bind, token, user, password), reporting each problem
 * with its file, line and setting. A listener on an address other than loopback must ask for a
 * credential: it would otherwise answer anyone who reaches that address.
 */
final class AdminReader {

    static final List<String> KEYS = List.of("port", "bind", "token", "user", "password");

    private AdminReader() {
    }

    /** The admin section, or empty when it has problems (reported). */
    static Optional<AdminConfig> read(YamlNode node, Optional<Integer> serverPort, Problems problems) {
        if (!(node instanceof YamlNode.Mapping m)) {
            problems.add(node.position(), "admin", "must be a mapping (port:, token:), not " + YamlNode.describe(node));
            return Optional.empty();
        }
        Section s = new Section(m, "admin", problems, KEYS);
        int before = problems.count();
        Optional<Integer> port = s.integer("port", 0, 65535);
        if (!s.has("port")) {
            problems.add(m.position(), "admin.port", "is missing; the admin listener needs a port of its own, such as port: 8081");
        }
        if (port.isPresent() && serverPort.isPresent() && port.get() != 0 && port.equals(serverPort)) {
            s.problem("port", "is the players' port too; the admin listener needs a port of its own");
        }
        InetAddress bind = s.text("bind").flatMap(t -> ConfigFile.address(s, "bind", t))
                .orElse(InetAddress.getLoopbackAddress());
        Optional<String> token = s.text("token");
        token.filter(t -> t.chars().anyMatch(c -> c <= ' ' || c == 0x7f)).ifPresent(t ->
                s.problem("token", "must not contain spaces or control characters (it is sent in a header)"));
        Optional<String> user = s.text("user");
        user.filter(u -> u.contains(":")).ifPresent(u -> s.problem("user", "must not contain ':' (Basic separates user and password with it)"));
        Optional<String> password = s.text("password");
        if (user.isPresent() != password.isPresent()) {
            problems.add(m.position(), user.isPresent() ? "admin.password" : "admin.user",
                    "is missing; Basic needs both admin.user and admin.password");
        }
        boolean credential = token.isPresent() || user.isPresent() && password.isPresent();
        if (!bind.isLoopbackAddress() && !credential) {
            s.problem("bind", "would answer anyone on " + bind.getHostAddress()
                    + "; set admin.token (or admin.user and admin.password), or leave bind at 127.0.0.1");
        }
        if (problems.count() > before || port.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AdminConfig(port.get(), bind, token, user, password));
    }
}
