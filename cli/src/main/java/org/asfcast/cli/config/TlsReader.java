package org.asfcast.cli.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.asfcast.netsink.TlsContexts;

/** Reads the top-level {@code tls:} and checks that its certificate and key make a TLS context. */
final class TlsReader {

    private static final List<String> KEYS = List.of("certificate", "key", "port");

    private TlsReader() {
    }

    /** The TLS settings; empty when one is wrong (reported). */
    static Optional<TlsConfig> read(YamlNode node, Problems problems, Path folder, Optional<Integer> plainPort) {
        if (!(node instanceof YamlNode.Mapping m)) {
            problems.add(node.position(), "tls", "must be a mapping {certificate: FILE, key: FILE, port: N}, not "
                    + YamlNode.describe(node));
            return Optional.empty();
        }
        Section s = new Section(m, "tls", problems, KEYS);
        for (String key : KEYS) {
            if (!s.has(key)) {
                problems.add(m.position(), s.name(key), "is missing; tls: needs certificate:, key: and port:");
            }
        }
        Optional<Path> certificate = s.has("certificate") ? s.file("certificate", folder) : Optional.empty();
        Optional<Path> key = s.has("key") ? s.file("key", folder) : Optional.empty();
        Optional<Integer> port = s.has("port") ? s.integer("port", 0, 65535) : Optional.empty();
        if (port.isPresent() && port.get() != 0 && port.equals(plainPort)) {
            s.problem("port", "is the plain port too; TLS needs a port of its own, such as " + (port.get() == 8080 ? 8443 : 443));
            return Optional.empty();
        }
        if (certificate.isEmpty() || key.isEmpty() || port.isEmpty()) {
            return Optional.empty();
        }
        try {
            TlsContexts.server(certificate.get(), key.get());
        } catch (TlsContexts.TlsFileException e) {
            s.problem(e.file().equals(key.get()) ? "key" : "certificate", e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new TlsConfig(certificate.get(), key.get(), port.get()));
    }
}
