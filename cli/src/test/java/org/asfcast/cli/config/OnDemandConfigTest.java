package org.asfcast.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.asfcast.netsink.AddressRange;
import org.asfcast.netsink.ArchiveSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code on-demand: FOLDER} points: what they read, what they refuse, and what a reload makes of a change. */
class OnDemandConfigTest {

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void aFolder() throws IOException {
        file = dir.resolve("asfcast.yml");
        Files.createDirectories(dir.resolve("media/sub"));
        Files.write(dir.resolve("radio.wma"), new byte[] {1});
    }

    private ServerConfig read(String... lines) throws ConfigException {
        return ConfigFile.parse(String.join("\n", lines) + "\n", file);
    }

    private List<ConfigProblem> problems(String... lines) {
        try {
            read(lines);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("accepted: " + String.join("\n", lines));
    }

    /** Exactly one problem, on this line, with this setting, saying this. */
    private void only(int line, String setting, String says, String... lines) {
        List<ConfigProblem> found = problems(lines);
        assertThat(found).as("problems").hasSize(1);
        ConfigProblem p = found.get(0);
        assertThat(p.file()).isEqualTo(file.toString());
        assertThat(p.line()).as("line of " + p).isEqualTo(line);
        assertThat(p.setting()).as("setting of " + p).isEqualTo(setting);
        assertThat(p.sentence()).as("sentence of " + p).contains(says);
    }

    @Test
    void aFolderRelativeToTheFileWithItsDefaults() throws Exception {
        ServerConfig c = read("port: 1", "points:", "  - {path: /archive, on-demand: media}");
        PointConfig p = c.points().get(0);
        assertThat(p.source()).isEqualTo(new OnDemandFolder(dir.resolve("media").toAbsolutePath()));
        assertThat(p.source().describe()).isEqualTo("on-demand " + dir.resolve("media").toAbsolutePath());
        assertThat(p.settings()).isEqualTo(PointSettings.DEFAULTS);
        assertThat(p.settings().archiveSettings()).isEqualTo(new ArchiveSettings(100, Duration.ofSeconds(5),
                Duration.ofSeconds(60), false));
    }

    @Test
    void everyOnDemandSetting() throws Exception {
        PointConfig p = read("port: 1", "points:", "  - path: /archive", "    on-demand: " + dir.resolve("media/sub"),
                "    max-players: 7", "    allow: 10.0.0.0/8", "    deny: [10.0.0.1]", "    fast-start: 0s", "    idle-timeout: 2m",
                "    bitrate-objects: true").points().get(0);
        assertThat(p.source()).isEqualTo(new OnDemandFolder(dir.resolve("media/sub")));
        PointSettings s = p.settings();
        assertThat(s.allow()).containsExactly(AddressRange.parse("10.0.0.0/8"));
        assertThat(s.deny()).containsExactly(AddressRange.parse("10.0.0.1"));
        assertThat(s.archiveSettings()).isEqualTo(new ArchiveSettings(7, Duration.ZERO, Duration.ofMinutes(2), true));
        // bitrate-objects applies to broadcasts too.
        assertThat(read("port: 1", "points: [{path: /tv, file: radio.wma, bitrate-objects: true}]").points().get(0)
                .settings().bitrateObjects()).isTrue();
    }

    @Test
    void aFolderThatIsMissingOrAFile() {
        only(3, "points[0].on-demand", "no such folder: gone (" + dir.resolve("gone") + ")", "port: 1", "points:",
                "  - {path: /a, on-demand: gone}");
        only(3, "points[0].on-demand", "is a file, not a folder of media files: radio.wma", "port: 1", "points:",
                "  - {path: /a, on-demand: radio.wma}");
        only(3, "points[0]", "has 2 sources (file, on-demand)", "port: 1", "points:",
                "  - {path: /a, file: radio.wma, on-demand: media}");
    }

    @Test
    void broadcastSettingsOnAnOnDemandPointAndTheOtherWayRound() {
        for (String setting : List.of("loop: true", "restart-grace: 5s", "slow-players: drop", "stall-timeout: 3s",
                "join-burst: 0s", "start: on-demand", "idle-stop: 10s")) {
            String key = setting.substring(0, setting.indexOf(':'));
            only(5, "points[0]." + key, "applies to broadcast points only", "port: 1", "points:", "  - path: /a",
                    "    on-demand: media", "    " + setting);
        }
        for (String setting : List.of("fast-start: 1s", "idle-timeout: 10s")) {
            String key = setting.substring(0, setting.indexOf(':'));
            only(5, "points[0]." + key, "applies to on-demand points only", "port: 1", "points:", "  - path: /a",
                    "    file: radio.wma", "    " + setting);
        }
    }

    @Test
    void valuesOutOfRange() {
        only(3, "points[0].fast-start", "must be 0s to 1m, not 2m", "port: 1", "points:",
                "  - {path: /a, on-demand: media, fast-start: 2m}");
        only(3, "points[0].idle-timeout", "must be 1s to 1h, not 0s", "port: 1", "points:",
                "  - {path: /a, on-demand: media, idle-timeout: 0s}");
        only(3, "points[0].bitrate-objects", "must be true or false", "port: 1", "points:",
                "  - {path: /a, on-demand: media, bitrate-objects: sometimes}");
    }

    @Test
    void aReloadReplacesANewFolderAndAppliesNewSettings() throws Exception {
        ServerConfig old = read("port: 1", "points: [{path: /a, on-demand: media}]");
        for (String changed : List.of("max-players: 3", "fast-start: 1s", "idle-timeout: 5s", "bitrate-objects: true",
                "allow: 127.0.0.1")) {
            ServerConfig next = read("port: 1", "points: [{path: /a, on-demand: media, " + changed + "}]");
            assertThat(ConfigDiff.between(old, next).points().get("/a")).as(changed).isEqualTo(PointChange.SETTINGS_CHANGED);
        }
        assertThat(ConfigDiff.between(old, read("port: 1", "points: [{path: /a, on-demand: media/sub}]")).points().get("/a"))
                .isEqualTo(PointChange.SOURCE_CHANGED);
        assertThat(ConfigDiff.between(old, read("port: 1", "points: [{path: /a, on-demand: media/}]")).points().get("/a"))
                .as("the same folder written otherwise").isEqualTo(PointChange.UNCHANGED);
        assertThat(ConfigDiff.between(old, read("port: 1", "points: [{path: /a, file: radio.wma}]")).points().get("/a"))
                .isEqualTo(PointChange.SOURCE_CHANGED);
    }
}
