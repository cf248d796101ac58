package org.asfcast.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.asfcast.asf.testing.Certificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A point's tokens, token hook and users, and the top-level tls:, each read or refused with file, line and setting. */
class GuardConfigTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("asfcast.yml");
    }

    private ServerConfig read(String... lines) throws ConfigException {
        return ConfigFile.parse(String.join("\n", lines) + "\n", file());
    }

    private ConfigProblem only(int line, String setting, String says, String... lines) {
        try {
            read(lines);
        } catch (ConfigException e) {
            assertThat(e.problems()).as("problems").hasSize(1);
            ConfigProblem p = e.problems().get(0);
            assertThat(p.file()).isEqualTo(file().toString());
            assertThat(p.line()).as("line of " + p).isEqualTo(line);
            assertThat(p.setting()).as("setting of " + p).isEqualTo(setting);
            assertThat(p.sentence()).as("sentence of " + p).contains(says);
            return p;
        }
        throw new AssertionError("accepted: " + String.join("\n", lines));
    }

    @Test
    void tokensAndUsersAreRead() throws Exception {
        ServerConfig c = read("port: 8080", "points:", "  - path: /radio", "    test-pattern: {}",
                "    tokens: [first-token, 12345678]", "    users: {mplayer: a-long-password, other: another-one}",
                "  - path: /open", "    test-pattern: {}");
        GuardConfig guard = c.point("/radio").orElseThrow().guard();
        assertThat(guard.tokens()).containsExactly("first-token", "12345678");
        assertThat(guard.users()).containsExactly(Map.entry("mplayer", "a-long-password"), Map.entry("other", "another-one"));
        assertThat(guard.hook()).isEmpty();
        assertThat(guard.toString()).doesNotContain("first-token").doesNotContain("a-long-password");
        assertThat(c.point("/open").orElseThrow().guard()).isEqualTo(GuardConfig.OPEN);
    }

    @Test
    void aHookHasDefaultsAndMayBeJustItsUrl() throws Exception {
        ServerConfig c = read("port: 8080", "points:", "  - path: /a", "    test-pattern: {}",
                "    token-hook: {url: \"https://auth.example.org/check\", timeout: 500ms, cache: 0s}",
                "  - path: /b", "    on-demand: .", "    token-hook: http://127.0.0.1:9000/token");
        assertThat(c.point("/a").orElseThrow().guard().hook()).contains(new GuardConfig.Hook(
                URI.create("https://auth.example.org/check"), Duration.ofMillis(500), Duration.ZERO));
        assertThat(c.point("/b").orElseThrow().guard().hook()).contains(new GuardConfig.Hook(
                URI.create("http://127.0.0.1:9000/token"), Duration.ofSeconds(2), Duration.ofSeconds(60)));
    }

    @Test
    void aShortTokenIsRefusedWithoutRepeatingIt() {
        ConfigProblem p = only(5, "points[0].tokens[1]", "is 5 characters long; a token needs at least 8",
                "port: 8080", "points:", "  - path: /radio", "    test-pattern: {}", "    tokens: [long-enough, short]");
        assertThat(p.sentence()).doesNotContain("short\"");
        only(6, "points[0].tokens[0]", "may hold only letters, digits and -._~", "port: 8080", "points:", "  - path: /radio",
                "    test-pattern: {}", "    tokens:", "      - \"has spaces in it\"");
        only(5, "points[0].tokens", "is an empty list", "port: 8080", "points:", "  - path: /radio", "    test-pattern: {}",
                "    tokens: []");
    }

    @Test
    void aHookUrlThatIsNotHttpIsRefused() {
        only(5, "points[0].token-hook.url", "must be an http:// or https:// URL with a host, not \"ftp://x/y\"",
                "port: 8080", "points:", "  - path: /radio", "    test-pattern: {}", "    token-hook: {url: \"ftp://x/y\"}");
        only(5, "points[0].token-hook.timeout", "must be 100ms to 30s", "port: 8080", "points:", "  - path: /radio",
                "    test-pattern: {}", "    token-hook: {url: \"http://h/t\", timeout: 1m}");
        only(5, "points[0].token-hook.tiemout", "did you mean timeout?", "port: 8080", "points:", "  - path: /radio",
                "    test-pattern: {}", "    token-hook: {url: \"http://h/t\", tiemout: 1s}");
    }

    @Test
    void tokensAndAHookTogetherAreRefused() {
        only(6, "points[0].token-hook", "and tokens: are two ways to check a token; give one", "port: 8080", "points:",
                "  - path: /radio", "    test-pattern: {}", "    tokens: [long-enough]", "    token-hook: http://h/t");
    }

    @Test
    void usersNeedProperNamesAndPasswords() {
        only(5, "points[0].users.mp", "is a password of 3 characters; it needs at least 8", "port: 8080", "points:",
                "  - path: /radio", "    test-pattern: {}", "    users: {mp: abc}");
        only(5, "points[0].users", "must be a mapping of user names to passwords", "port: 8080", "points:",
                "  - path: /radio", "    test-pattern: {}", "    users: [mp]");
    }

    @Test
    void slashTIsReservedForTokens() {
        only(3, "points[0].path", "may not be /t or under it", "port: 8080", "points:", "  - path: /t/radio",
                "    test-pattern: {}");
    }

    @Test
    void aChangedGuardIsASettingsChange() throws Exception {
        ServerConfig before = read("port: 8080", "points:", "  - path: /radio", "    test-pattern: {}", "    tokens: [first-token]");
        ServerConfig after = read("port: 8080", "points:", "  - path: /radio", "    test-pattern: {}", "    tokens: [other-token]");
        assertThat(ConfigDiff.between(before, after).points()).containsEntry("/radio", PointChange.SETTINGS_CHANGED);
        assertThat(ConfigDiff.between(before, before).isEmpty()).isTrue();
    }

    @Test
    void tlsIsReadAndItsFilesChecked() throws Exception {
        Certificates certificates = Certificates.make(dir);
        Certificates.Pair valid = certificates.valid("server");
        ServerConfig c = read("port: 8080", "tls: {certificate: server.pem, key: server.key, port: 8443}", "points:",
                "  - path: /", "    test-pattern: {}");
        assertThat(c.tls()).contains(new TlsConfig(valid.certificate(), valid.key(), 8443));

        Path stray = certificates.strayKey("stray");
        ConfigProblem mismatch = only(2, "tls.key", "is not the private key of the certificate in " + valid.certificate(),
                "port: 8080", "tls: {certificate: server.pem, key: stray.key, port: 8443}", "points:", "  - path: /",
                "    test-pattern: {}");
        assertThat(mismatch.sentence()).startsWith(stray.toString());
        Files.writeString(dir.resolve("junk.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        only(3, "tls.certificate", "is not a PEM certificate chain", "port: 8080", "tls:", "  certificate: junk.pem",
                "  key: server.key", "  port: 8443", "points:", "  - path: /", "    test-pattern: {}");
        only(2, "tls.port", "is the plain port too", "port: 8080", "tls: {certificate: server.pem, key: server.key, port: 8080}",
                "points:", "  - path: /", "    test-pattern: {}");
        only(2, "tls.port", "is missing", "port: 8080", "tls: {certificate: server.pem, key: server.key}",
                "points:", "  - path: /", "    test-pattern: {}");
        only(2, "tls.certificate", "no such file", "port: 8080", "tls: {certificate: none.pem, key: server.key, port: 8443}",
                "points:", "  - path: /", "    test-pattern: {}");
    }

    @Test
    void noTlsByDefault() throws Exception {
        assertThat(read("port: 8080", "points:", "  - path: /", "    test-pattern: {}").tls()).isEqualTo(Optional.empty());
    }
}
