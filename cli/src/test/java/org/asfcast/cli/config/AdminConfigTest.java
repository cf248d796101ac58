package org.asfcast.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code admin:} section: its defaults, and each wrong setting as one problem with file, line and setting. */
class AdminConfigTest {

    private final Path file = Path.of("/etc/asfcast/asfcast.yml");

    private ServerConfig read(String... admin) throws ConfigException {
        return ConfigFile.parse("port: 8080\npoints:\n  - path: /tv\n    test-pattern: {}\n"
                + String.join("\n", admin) + "\n", file);
    }

    private ConfigProblem only(String... admin) {
        try {
            read(admin);
        } catch (ConfigException e) {
            assertThat(e.problems()).as("problems").hasSize(1);
            assertThat(e.problems().get(0).file()).isEqualTo(file.toString());
            return e.problems().get(0);
        }
        throw new AssertionError("accepted: " + List.of(admin));
    }

    @Test
    void withoutASectionThereIsNoListener() throws Exception {
        assertThat(read().admin()).isEmpty();
    }

    @Test
    void aPortAndATokenListenOnLoopback() throws Exception {
        AdminConfig a = read("admin: {port: 8081, token: s3cret}").admin().orElseThrow();
        assertThat(a.port()).isEqualTo(8081);
        assertThat(a.bind()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(a.token()).contains("s3cret");
        assertThat(a.user()).isEmpty();
        assertThat(a.toString()).doesNotContain("s3cret");
    }

    @Test
    void basicNeedsAUserAndAPassword() throws Exception {
        AdminConfig a = read("admin:", "  port: 8081", "  user: ops", "  password: 'pa ss'").admin().orElseThrow();
        assertThat(a.user()).contains("ops");
        assertThat(a.password()).contains("pa ss");
        ConfigProblem p = only("admin:", "  port: 8081", "  user: ops");
        assertThat(p.line()).isEqualTo(6);
        assertThat(p.setting()).isEqualTo("admin.password");
        assertThat(p.sentence()).contains("Basic needs both");
        assertThat(only("admin: {port: 8081, user: 'a:b', password: x}").setting()).isEqualTo("admin.user");
    }

    @Test
    void aPublicAddressWithoutACredentialWouldAnswerAnyone() throws Exception {
        ConfigProblem p = only("admin:", "  port: 8081", "  bind: 0.0.0.0");
        assertThat(p.line()).isEqualTo(7);
        assertThat(p.setting()).isEqualTo("admin.bind");
        assertThat(p.sentence()).startsWith("would answer anyone on 0.0.0.0");
        assertThat(read("admin: {port: 8081, bind: 0.0.0.0, token: t}").admin().orElseThrow().bind())
                .isEqualTo(InetAddress.getByName("0.0.0.0"));
    }

    @Test
    void eachWrongSettingIsOneProblem() {
        assertThat(only("admin: {token: t}").setting()).isEqualTo("admin.port");
        assertThat(only("admin: {port: 8080, token: t}").sentence()).contains("the players' port too");
        assertThat(only("admin: {port: 70000, token: t}").setting()).isEqualTo("admin.port");
        assertThat(only("admin: {port: 8081, token: 'a b'}").setting()).isEqualTo("admin.token");
        assertThat(only("admin: {port: 8081, bind: 10.0.0.0/8, token: t}").setting()).isEqualTo("admin.bind");
        ConfigProblem misspelt = only("admin: {port: 8081, tokn: t}");
        assertThat(misspelt.setting()).isEqualTo("admin.tokn");
        assertThat(misspelt.sentence()).contains("did you mean token?");
        assertThat(only("admin: 8081").sentence()).contains("must be a mapping");
    }

    @Test
    void onlyTheCredentialChangingKeepsTheListener() {
        AdminConfig a = new AdminConfig(8081, InetAddress.getLoopbackAddress(), Optional.of("a"), Optional.empty(),
                Optional.empty());
        AdminConfig token = new AdminConfig(8081, InetAddress.getLoopbackAddress(), Optional.of("b"), Optional.empty(),
                Optional.empty());
        AdminConfig port = new AdminConfig(8082, InetAddress.getLoopbackAddress(), Optional.of("a"), Optional.empty(),
                Optional.empty());
        assertThat(token.listenerChanged(a)).isFalse();
        assertThat(port.listenerChanged(a)).isTrue();
    }
}
