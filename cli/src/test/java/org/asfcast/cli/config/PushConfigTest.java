package org.asfcast.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.auth.DigestAlgorithm;
import org.asfcast.netsink.PushSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A point's {@code push:}: its defaults, every setting, one problem per wrong setting, and the example's block. */
class PushConfigTest {

    @TempDir
    Path dir;

    private PointSource source(String... lines) throws ConfigException {
        return ConfigFile.parse(String.join("\n", lines) + "\n", dir.resolve("asfcast.yml")).points().get(0).source();
    }

    private List<ConfigProblem> problems(String... lines) {
        try {
            ConfigFile.parse(String.join("\n", lines) + "\n", dir.resolve("asfcast.yml"));
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("accepted:\n" + String.join("\n", lines));
    }

    @Test
    void aTokenAloneTakesTheDefaultTimes() throws Exception {
        assertThat(source("port: 1", "points: [{path: /live, push: {token: T}}]"))
                .isEqualTo(new PushSource(PushSettings.ofToken("T")));
        assertThat(PushSettings.DEFAULT_GRACE).isEqualTo(Duration.ofSeconds(30));
        assertThat(PushSettings.DEFAULT_IDLE_TIMEOUT).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void everySetting() throws Exception {
        assertThat(source("port: 1", "points:", "  - path: /live", "    push:", "      token: T", "      user: enc",
                "      password: pw", "      grace: 5s", "      idle-timeout: 20s"))
                .isEqualTo(new PushSource(new PushSettings(Optional.of("T"), Optional.of("enc"), Optional.of("pw"),
                        Duration.ofSeconds(5), Duration.ofSeconds(20))));
        assertThat(source("port: 1", "points: [{path: /live, push: {user: enc, password: pw}}]"))
                .isEqualTo(new PushSource(new PushSettings(Optional.empty(), Optional.of("enc"), Optional.of("pw"),
                        PushSettings.DEFAULT_GRACE, PushSettings.DEFAULT_IDLE_TIMEOUT)));
        assertThat(source("port: 1", "points: [{path: /live, push: {user: enc, password: pw, digest: md5}}]"))
                .isEqualTo(new PushSource(new PushSettings(Optional.empty(), Optional.of("enc"), Optional.of("pw"),
                        PushSettings.DEFAULT_GRACE, PushSettings.DEFAULT_IDLE_TIMEOUT, List.of(DigestAlgorithm.MD5))));
        assertThat(source("port: 1", "points: [{path: /live, push: {user: enc, password: pw, digest: none}}]"))
                .isEqualTo(new PushSource(new PushSettings(Optional.empty(), Optional.of("enc"), Optional.of("pw"),
                        PushSettings.DEFAULT_GRACE, PushSettings.DEFAULT_IDLE_TIMEOUT, List.of())));
        assertThat(PushSettings.DEFAULT_DIGEST).containsExactly(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
    }

    @Test
    void digestIsOneOfItsChoicesAndOnlyForAUser() {
        assertThat(problems("port: 1", "points:", "  - path: /live", "    push: {user: enc, password: pw, digest: sha1}"))
                .singleElement().satisfies(p -> assertThat(p.toString()).contains(":4:").contains("points[0].push.digest")
                        .contains("md5 or none or sha-256 or sha-256+md5"));
        assertThat(problems("port: 1", "points:", "  - path: /live", "    push: {token: T, digest: md5}")).singleElement()
                .satisfies(p -> assertThat(p.setting()).isEqualTo("points[0].push.digest"))
                .satisfies(p -> assertThat(p.sentence()).contains("a token is no user name"));
    }

    @Test
    void eachWrongSettingIsOneProblemWithItsLine() {
        assertThat(problems("port: 1", "points:", "  - path: /live", "    push: T")).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains(":4:").contains("points[0].push")
                        .contains("must be a mapping with the publishing credential"));
        assertThat(problems("port: 1", "points:", "  - path: /live", "    push: {grace: 5s}")).singleElement()
                .satisfies(p -> assertThat(p.sentence()).contains("needs who may publish"));
        assertThat(problems("port: 1", "points:", "  - path: /live", "    push: {user: enc}")).singleElement()
                .satisfies(p -> assertThat(p.setting()).isEqualTo("points[0].push.password"));
        assertThat(problems("port: 1", "points:", "  - path: /live", "    push: {token: T, idle-timeout: 1s}")).singleElement()
                .satisfies(p -> assertThat(p.setting()).isEqualTo("points[0].push.idle-timeout"));
        assertThat(problems("port: 1", "points:", "  - path: /live", "    push: {token: T, tokn: x}")).singleElement()
                .satisfies(p -> assertThat(p.setting()).isEqualTo("points[0].push.tokn"));
        assertThat(problems("port: 1", "points:", "  - path: /live", "    push: {token: T}", "    start: on-demand"))
                .singleElement().satisfies(p -> assertThat(p.sentence()).contains("the publisher starts the broadcast"));
        assertThat(problems("port: 1", "points:", "  - path: /live", "    push: {token: T}", "    loop: true"))
                .singleElement().satisfies(p -> assertThat(p.setting()).isEqualTo("points[0].loop"));
    }

    @Test
    void theExamplesPushPointValidatesOnceUncommented() throws Exception {
        StringBuilder text = new StringBuilder();
        boolean inPush = false;
        for (String line : Files.readAllLines(Path.of("..", "asfcast.example.yml"))) {
            inPush = line.startsWith("  # - path: /studio") || inPush && line.startsWith("  #   ");
            text.append(inPush ? "  " + line.substring(4) : line).append('\n');
        }
        Files.write(dir.resolve("radio.wma"), new byte[] {1});
        Files.write(dir.resolve("movie.mp4"), new byte[] {1});
        Files.createDirectory(dir.resolve("media"));
        ServerConfig c = ConfigFile.parse(text.toString(), dir.resolve("asfcast.yml"));
        PointConfig studio = c.points().stream().filter(p -> p.path().equals("/studio")).findFirst().orElseThrow();
        assertThat(studio.source()).isEqualTo(new PushSource(new PushSettings(Optional.of("CHANGE-ME"), Optional.of("encoder"),
                Optional.of("CHANGE-ME-TOO"), PushSettings.DEFAULT_GRACE, PushSettings.DEFAULT_IDLE_TIMEOUT)));
    }

    @Test
    void aReloadThatChangesPushSettingsAppliesThemInPlace() throws Exception {
        ServerConfig old = ConfigFile.parse("port: 1\npoints: [{path: /live, push: {token: A}}, {path: /pattern, test-pattern: {}}]\n",
                dir.resolve("asfcast.yml"));
        ServerConfig next = ConfigFile.parse("port: 1\npoints: [{path: /live, push: {token: B, grace: 5s}}, {path: /pattern, push: {token: C}}]\n",
                dir.resolve("asfcast.yml"));
        ConfigDiff diff = ConfigDiff.between(old, next);
        assertThat(diff.paths(PointChange.SETTINGS_CHANGED)).containsExactly("/live");
        assertThat(diff.paths(PointChange.SOURCE_CHANGED)).containsExactly("/pattern"); // a pattern becoming a push point restarts
    }
}
