package org.asfcast.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.asfcast.ops.accesslog.AccessLogSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code access-log:} at the top (short and long form) and per point; each mistake is one problem with its line. */
class AccessLogConfigTest {

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void folders() throws Exception {
        file = dir.resolve("asfcast.yml");
        Files.createDirectories(dir.resolve("logs"));
        Files.write(dir.resolve("radio.wma"), new byte[] {1});
    }

    private ServerConfig read(String... lines) throws ConfigException {
        return ConfigFile.parse(String.join("\n", lines) + "\n", file);
    }

    private ConfigProblem only(int line, String setting, String says, String... lines) {
        try {
            read(lines);
        } catch (ConfigException e) {
            assertThat(e.problems()).as("problems").hasSize(1);
            ConfigProblem p = e.problems().get(0);
            assertThat(p.file()).isEqualTo(file.toString());
            assertThat(p.line()).as("line of " + p).isEqualTo(line);
            assertThat(p.setting()).as("setting of " + p).isEqualTo(setting);
            assertThat(p.sentence()).as("sentence of " + p).contains(says);
            return p;
        }
        throw new AssertionError("accepted: " + String.join("\n", lines));
    }

    @Test
    void aFileAtTheTopIsTheServersLogWithTheDefaults() throws Exception {
        ServerConfig c = read("port: 8080", "access-log: logs/access.log", "points:", "  - path: /a", "    file: radio.wma");
        assertThat(c.accessLog()).isEqualTo(new AccessLogSettings(Optional.of(dir.resolve("logs/access.log")), Map.of(),
                AccessLogSettings.DEFAULT_PERIOD, AccessLogSettings.DEFAULT_MAX_BYTES));
        assertThat(c.accessLog().period()).isEqualTo(Duration.ofHours(1));
        assertThat(c.accessLog().maxBytes()).isEqualTo(100L << 20);
    }

    @Test
    void theLongFormAndAPointsOwnFile() throws Exception {
        ServerConfig c = read("port: 8080", "access-log: {file: logs/access.log, period: 15m, max-size: 10MB}", "points:",
                "  - path: /a", "    file: radio.wma", "    access-log: logs/a.log", "  - path: /b", "    file: radio.wma");
        AccessLogSettings s = c.accessLog();
        assertThat(s.file()).contains(dir.resolve("logs/access.log"));
        assertThat(s.period()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.maxBytes()).isEqualTo(10L << 20);
        assertThat(s.pointFiles()).isEqualTo(Map.of("/a", dir.resolve("logs/a.log")));
        assertThat(s.fileFor("/a")).contains(dir.resolve("logs/a.log"));
        assertThat(s.fileFor("/b")).contains(dir.resolve("logs/access.log"));
        assertThat(read("port: 8080", "access-log: {file: x.log, period: 0s, max-size: 0}", "points:", "  - path: /a",
                "    file: radio.wma").accessLog()).satisfies(n -> {
                    assertThat(n.period()).isZero();
                    assertThat(n.maxBytes()).isZero();
                });
    }

    @Test
    void withoutItNothingIsLogged() throws Exception {
        assertThat(read("port: 8080", "points:", "  - path: /a", "    file: radio.wma").accessLog().any()).isFalse();
    }

    @Test
    void eachMistakeIsOneProblemWithItsLineAndSetting() throws Exception {
        String[] points = {"points:", "  - path: /a", "    file: radio.wma"};
        only(2, "access-log", "in a folder that does not exist: " + dir.resolve("nowhere"),
                concat(List.of("port: 8080", "access-log: nowhere/access.log"), points));
        only(2, "access-log", "is a folder", concat(List.of("port: 8080", "access-log: logs"), points));
        Files.writeString(dir.resolve("plain-file"), "x");
        only(2, "access-log", "in a folder that does not exist", concat(List.of("port: 8080", "access-log: plain-file/access.log"), points));
        only(2, "access-log", "must be a file, or a mapping", concat(List.of("port: 8080", "access-log: [a, b]"), points));
        only(2, "access-log.file", "is missing", concat(List.of("port: 8080", "access-log: {period: 1h}"), points));
        only(2, "access-log.period", "at least 1m", concat(List.of("port: 8080", "access-log: {file: a.log, period: 10s}"), points));
        only(2, "access-log.period", "needs a unit", concat(List.of("port: 8080", "access-log: {file: a.log, period: 60}"), points));
        only(2, "access-log.max-size", "such as 512KB, 100MB or 1GB", concat(List.of("port: 8080",
                "access-log: {file: a.log, max-size: 100}"), points));
        only(2, "access-log.max-size", "64KB to", concat(List.of("port: 8080", "access-log: {file: a.log, max-size: 1KB}"), points));
        only(2, "access-log.rotate", "is not a setting here", concat(List.of("port: 8080", "access-log: {file: a.log, rotate: daily}"),
                points));
        only(6, "points[0].access-log", "in a folder that does not exist", "port: 8080", "access-log: a.log", "points:",
                "  - path: /a", "    file: radio.wma", "    access-log: gone/a.log");
        only(4, "points[0].access-log", "needs a value", "port: 8080", "points:", "  - path: /a", "    access-log:",
                "    file: radio.wma");
    }

    @Test
    void aFileThatCannotBeWrittenIsAProblem() throws Exception {
        Path locked = Files.createDirectories(dir.resolve("locked"));
        locked.toFile().setWritable(false, false);
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(locked), "root writes anywhere");
            only(2, "access-log", "cannot be written (permission denied)", "port: 8080", "access-log: locked/access.log",
                    "points:", "  - path: /a", "    file: radio.wma");
        } finally {
            locked.toFile().setWritable(true, false);
        }
    }

    private static String[] concat(List<String> first, String... rest) {
        java.util.List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
