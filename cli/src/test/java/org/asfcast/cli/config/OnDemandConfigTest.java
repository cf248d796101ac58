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

/** {@code on-demand: FOLDER} points: what they read and what a reload makes of a change (what they refuse: {@link ConfigValidationTest}). */
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
