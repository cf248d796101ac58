package org.asfcast.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One config per rule, each wrong in one way: the problem names the file, the line and the setting. */
class ConfigValidationTest {

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void aMediaFile() throws IOException {
        file = dir.resolve("asfcast.yml");
        Files.write(dir.resolve("radio.wma"), new byte[] {1});
    }

    private List<ConfigProblem> problems(String... lines) {
        String yaml = String.join("\n", lines) + "\n";
        try {
            ConfigFile.parse(yaml, file);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).isEqualTo(String.join(System.lineSeparator(), e.problems().stream().map(Object::toString).toList()));
            return e.problems();
        }
        throw new AssertionError("accepted:\n" + yaml);
    }

    /** The config has exactly one problem, on this line, with this setting, saying this. */
    private ConfigProblem only(int line, String setting, String says, String... lines) {
        List<ConfigProblem> found = problems(lines);
        assertThat(found).as("problems").hasSize(1);
        ConfigProblem p = found.get(0);
        assertThat(p.file()).isEqualTo(file.toString());
        assertThat(p.line()).as("line of " + p).isEqualTo(line);
        assertThat(p.setting()).as("setting of " + p).isEqualTo(setting);
        assertThat(p.sentence()).as("sentence of " + p).contains(says);
        return p;
    }

    @Test
    void aYamlSyntaxErrorIsWhereSnakeYamlFoundIt() {
        ConfigProblem p = only(4, "", "not valid YAML", "port: 8080", "points:", "  - path: /a", "\tfile: radio.wma");
        assertThat(p.column()).isEqualTo(1);
        assertThat(p.sentence()).contains("TAB");
        only(5, "", "expected ',' or ']'", "port: 8080", "points:", "  - path: /a", "    allow: [10.0.0.1");
    }

    @Test
    void anEmptyFileOrOneThatIsNotAMapping() {
        only(1, "", "holds no settings", "# nothing but a comment");
        only(1, "", "must be a mapping of settings", "- port: 8080");
    }

    @Test
    void anUnknownKeyIsNamedWithTheNearestSetting() {
        ConfigProblem p = only(2, "prot", "did you mean port?", "points: [{path: /, test-pattern: {}}]", "prot: 8080", "port: 1");
        assertThat(p.column()).isEqualTo(1);
        only(4, "points[0].max_players", "did you mean max-players?",
                "port: 1", "points:", "  - path: /", "    max_players: 3", "    test-pattern: {}");
        only(3, "limits.max-player", "did you mean max-players?", "port: 1", "limits:", "  max-player: 3",
                "points: [{path: /, stdin: true}]");
        only(2, "points[0].test-pattern.fsp", "did you mean fps?", "port: 1", "points: [{path: /, test-pattern: {fsp: 3}}]");
        // Nothing close: the section's settings are listed instead.
        assertThat(only(1, "colour", "settings here: port, bind, host, limits, points", "colour: red", "port: 1",
                "points: [{path: /, stdin: true}]").sentence()).doesNotContain("did you mean");
    }

    @Test
    void aKeyGivenTwice() {
        only(4, "points[0].path", "set twice (first on line 3)", "port: 1", "points:", "  - path: /a", "    path: /b",
                "    stdin: true");
    }

    @Test
    void aWrongType() {
        only(5, "points[0].max-players", "must be a whole number, not \"many\"",
                "port: 1", "points:", "  - path: /a", "    file: radio.wma", "    max-players: many");
        only(1, "port", "must be a whole number, not a list", "port: [1]", "points: [{path: /, stdin: true}]");
        only(4, "points[0].loop", "must be true or false, not \"often\"",
                "port: 1", "points:", "  - {path: /a, file: radio.wma,", "     loop: often}");
        only(2, "limits", "must be a mapping", "port: 1", "limits: 3", "points: [{path: /, stdin: true}]");
        only(1, "points", "must be a list of points", "points: /radio", "port: 1");
        only(3, "points[0]", "must be a point", "port: 1", "points:", "  - /radio");
        only(3, "points[0].path", "must be text, not a list", "port: 1", "points:", "  - {path: [/a], stdin: true}");
        only(3, "points[0].test-pattern", "must be a mapping of options", "port: 1", "points:", "  - {path: /a, test-pattern: yes}");
        only(2, "host", "needs a value", "port: 1", "host:", "points: [{path: /, stdin: true}]");
    }

    @Test
    void missingPortPointsOrPath() {
        only(1, "port", "is missing", "points: [{path: /, stdin: true}]");
        only(1, "points", "is missing", "port: 8080");
        only(3, "points[0].path", "is missing", "port: 1", "points:", "  - stdin: true");
        only(2, "points", "lists no point", "port: 1", "points: []");
    }

    @Test
    void aPointWithNoSourceOrTwo() {
        only(3, "points[0]", "has no source", "port: 1", "points:", "  - path: /a", "    max-players: 3");
        ConfigProblem two = only(5, "points[0]", "has 2 sources (file, command); give exactly one",
                "port: 1", "points:", "  - path: /a", "    file: radio.wma", "    command: ffmpeg");
        assertThat(two.column()).isEqualTo(5);
    }

    @Test
    void aFileSourceThatIsMissingOrAFolder() throws IOException {
        only(3, "points[0].file", "no such file: gone.wma (" + dir.resolve("gone.wma") + ")",
                "port: 1", "points:", "  - {path: /a, file: gone.wma}");
        Files.createDirectory(dir.resolve("music"));
        only(3, "points[0].file", "is a folder, not a file: music", "port: 1", "points:", "  - {path: /a, file: music}");
    }

    @Test
    void aDuplicatePathEvenWithATrailingSlash() {
        ConfigProblem p = only(5, "points[1].path", "is /a again: points[0] (line 3) has it already",
                "port: 1", "points:", "  - path: /a", "    stdin: true", "  - path: /a/", "    test-pattern: {}");
        assertThat(p.column()).isEqualTo(11);
        // Found even when the first point is wrong otherwise.
        assertThat(problems("port: 1", "points:", "  - path: /a", "  - path: /a", "    test-pattern: {}"))
                .extracting(ConfigProblem::setting).containsExactly("points[0]", "points[1].path");
    }

    @Test
    void aPathMustStartWithASlashAndHoldNoDotDotNorEndInAsx() {
        only(3, "points[0].path", "must start with '/'", "port: 1", "points:", "  - {path: radio, stdin: true}");
        only(3, "points[0].path", "\"..\" segment", "port: 1", "points:", "  - {path: /a/../b, stdin: true}");
        only(3, "points[0].path", "\".\" segment", "port: 1", "points:", "  - {path: /./b, stdin: true}");
        only(3, "points[0].path", "may not end in .asx: /tv.ASX is the metafile of the point /tv",
                "port: 1", "points:", "  - {path: /tv.ASX, stdin: true}");
        only(3, "points[0].path", "not '?'", "port: 1", "points:", "  - path: /tv?x=1", "    stdin: true");
        only(3, "points[0].path", "not ' '", "port: 1", "points:", "  - path: /t v", "    stdin: true");
        only(3, "points[0].path", "empty segment", "port: 1", "points:", "  - {path: /a//b, stdin: true}");
    }

    @Test
    void twoStdinPoints() {
        only(6, "points[1].stdin", "one point only, and points[0] (line 3) reads it already",
                "port: 1", "points:", "  - path: /a", "    stdin: true", "  - {path: /b,", "     stdin: true}");
        only(3, "points[0].stdin", "can only be true", "port: 1", "points:", "  - {path: /a, stdin: false}");
    }

    @Test
    void settingsOfAnotherSource() {
        only(5, "points[0].loop", "applies to a file source only, and this point's source is command",
                "port: 1", "points:", "  - path: /a", "    command: ffmpeg", "    loop: true");
        only(5, "points[0].restart-grace", "applies to a command or transcode source only, and this point's source is file",
                "port: 1", "points:", "  - path: /a", "    file: radio.wma", "    restart-grace: 5s");
    }

    @Test
    void idleStopWithoutOnDemand() {
        only(4, "points[0].idle-stop", "start: on-demand only", "port: 1", "points:", "  - {path: /a, stdin: true,",
                "     idle-stop: 10s}");
        only(4, "points[0].idle-stop", "start: on-demand only", "port: 1", "points:", "  - {path: /a, test-pattern: {},",
                "     idle-stop: 10s, start: always}");
        only(3, "points[0].start", "must be always or on-demand, not \"lazy\"", "port: 1", "points:",
                "  - {path: /a, test-pattern: {}, start: lazy}");
        only(3, "points[0].start", "cannot be on-demand with stdin", "port: 1", "points:",
                "  - {path: /a, stdin: true, start: on-demand}");
    }

    @Test
    void anOnDemandFolderThatIsMissingOrAFile() throws IOException {
        Files.createDirectory(dir.resolve("media"));
        only(3, "points[0].on-demand", "no such folder: gone (" + dir.resolve("gone") + ")", "port: 1", "points:",
                "  - {path: /a, on-demand: gone}");
        only(3, "points[0].on-demand", "is a file, not a folder of media files: radio.wma", "port: 1", "points:",
                "  - {path: /a, on-demand: radio.wma}");
        only(3, "points[0]", "has 2 sources (file, on-demand)", "port: 1", "points:",
                "  - {path: /a, file: radio.wma, on-demand: media}");
    }

    @Test
    void broadcastSettingsOnAnOnDemandPointAndTheOtherWayRound() throws IOException {
        Files.createDirectory(dir.resolve("media"));
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
    void onDemandValuesOutOfRange() throws IOException {
        Files.createDirectory(dir.resolve("media"));
        only(3, "points[0].fast-start", "must be 0s to 1m, not 2m", "port: 1", "points:",
                "  - {path: /a, on-demand: media, fast-start: 2m}");
        only(3, "points[0].idle-timeout", "must be 1s to 1h, not 0s", "port: 1", "points:",
                "  - {path: /a, on-demand: media, idle-timeout: 0s}");
        only(3, "points[0].bitrate-objects", "must be true or false", "port: 1", "points:",
                "  - {path: /a, on-demand: media, bitrate-objects: sometimes}");
    }

    @Test
    void aPortOutOfRange() {
        only(1, "port", "must be 0..65535, not 65536", "port: 65536", "points: [{path: /, stdin: true}]");
        only(1, "port", "must be 0..65535, not -1", "port: -1", "points: [{path: /, stdin: true}]");
    }

    @Test
    void anAccessEntryThatIsNotAnAddressOrNetwork() {
        ConfigProblem p = only(3, "points[0].allow[1]", "\"10.0.0.0/33\": a prefix of 33 bits is too long for IPv4",
                "port: 1", "points:", "  - {path: /a, stdin: true, allow: [10.0.0.0/8, 10.0.0.0/33]}");
        assertThat(p.column()).isEqualTo(49);
        only(5, "points[0].deny", "\"radio.example.org\" is not an IPv4 or IPv6 address",
                "port: 1", "points:", "  - path: /a", "    stdin: true", "    deny: radio.example.org");
        only(3, "points[0].allow", "would let nobody play", "port: 1", "points:", "  - {path: /a, stdin: true, allow: []}");
    }

    @Test
    void aBadDurationOrBitRate() {
        only(3, "points[0].stall-timeout", "needs a unit: \"10s\" or \"10ms\"",
                "port: 1", "points:", "  - {path: /a, stdin: true, stall-timeout: 10}");
        only(3, "points[0].join-burst", "must be a duration such as 500ms, 10s, 2m or 1h, not \"3 secs\"",
                "port: 1", "points:", "  - {path: /a, stdin: true, join-burst: 3 secs}");
        only(3, "points[0].join-burst", "must be 0s to 1m, not 2m", "port: 1", "points:", "  - {path: /a, stdin: true, join-burst: 2m}");
        only(3, "limits.max-bandwidth", "must be a bit rate such as 800k", "port: 1", "limits:", "  max-bandwidth: 200 Mbps",
                "points: [{path: /, stdin: true}]");
        only(3, "points[0].test-pattern.preroll", "needs a unit", "port: 1", "points:",
                "  - {path: /a, test-pattern: {preroll: 1000}}");
    }

    @Test
    void badTestPatternOptionsAndCommands() {
        only(3, "points[0].test-pattern.size", "even numbers from 16x16 to 4096x4096, not 33x2", "port: 1", "points:",
                "  - {path: /a, test-pattern: {size: 33x2}}");
        only(3, "points[0].test-pattern.size", "WIDTHxHEIGHT", "port: 1", "points:", "  - {path: /a, test-pattern: {size: big}}");
        only(3, "points[0].test-pattern.fps", "must be 1..60, not 0", "port: 1", "points:", "  - {path: /a, test-pattern: {fps: 0}}");
        only(3, "points[0].command", "is never closed", "port: 1", "points:", "  - {path: /a, command: \"ffmpeg -i 'a b\"}");
        only(3, "points[0].command", "no shell runs", "port: 1", "points:", "  - {path: /a, command: \"ffmpeg -i x - | cat\"}");
        only(3, "points[0].command", "empty list", "port: 1", "points:", "  - {path: /a, command: []}");
        only(3, "points[0].command[1]", "must be text", "port: 1", "points:", "  - {path: /a, command: [ffmpeg, [x]]}");
    }

    @Test
    void badBindAndHost() {
        only(2, "bind", "must be an IP address", "port: 1", "bind: localhost", "points: [{path: /, stdin: true}]");
        only(2, "bind", "must be one address, not a network", "port: 1", "bind: 10.0.0.0/8", "points: [{path: /, stdin: true}]");
        only(2, "host", "must be a host name or an IP address", "port: 1", "host: http://radio/", "points: [{path: /, stdin: true}]");
    }

    @Test
    void limitsOutOfRange() {
        only(3, "limits.max-players", "must be 1..10000000, not 0", "port: 1", "limits:", "  max-players: 0",
                "points: [{path: /, stdin: true}]");
        only(3, "limits.connections-per-second", "must be 0..1000000, not -2", "port: 1", "limits:", "  connections-per-second: -2",
                "points: [{path: /, stdin: true}]");
        only(3, "points[0].max-players", "must be 0..1000000, not 2000000", "port: 1", "points:",
                "  - {path: /a, stdin: true, max-players: 2000000}");
        only(3, "points[0].slow-players", "must be drop or skip, not \"wait\"", "port: 1", "points:",
                "  - {path: /a, stdin: true, slow-players: wait}");
    }

    @Test
    void everyProblemIsReportedInLineOrderNotOnlyTheFirst() {
        List<ConfigProblem> found = problems(
                "port: 99999",                          // 1
                "limits: {max-players: lots}",           // 2
                "points:",                               // 3
                "  - path: radio",                       // 4
                "    file: gone.wma",                    // 5
                "    stall-timeout: 5",                  // 6
                "  - path: /b",                          // 7
                "    stdin: true",                       // 8
                "  - path: /b",                          // 9
                "    stdin: true",                       // 10
                "    colour: red");                      // 11
        assertThat(found).extracting(ConfigProblem::line).containsExactly(1, 2, 4, 5, 6, 9, 10, 11);
        assertThat(found).extracting(ConfigProblem::setting).containsExactly("port", "limits.max-players", "points[0].path",
                "points[0].file", "points[0].stall-timeout", "points[2].path", "points[2].stdin", "points[2].colour");
    }

    @Test
    void aFileThatCannotBeReadIsOneProblemNotAStackTrace() throws IOException {
        assertThatThrownBy(() -> ConfigFile.read(dir.resolve("none.yml"))).isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("none.yml") + ": no such file");
        assertThatThrownBy(() -> ConfigFile.read(dir)).isInstanceOf(ConfigException.class)
                .hasMessage(dir + ": is a folder, not a config file");
        Path latin1 = Files.write(dir.resolve("latin1.yml"), new byte[] {'h', 'o', 's', 't', ':', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> ConfigFile.read(latin1)).hasMessage(latin1 + ": is not UTF-8 text");
        Path big = Files.write(dir.resolve("big.yml"), new byte[(int) ConfigFile.LARGEST + 1]);
        assertThatThrownBy(() -> ConfigFile.read(big)).hasMessageContaining("is larger than 1 MiB");
    }

    @Test
    void aliasesAreRefused() {
        only(4, "points[1].path", "aliases (*p) are not supported", "port: 1", "points:", "  - {path: &p /a, stdin: true}",
                "  - {path: *p, test-pattern: {}}");
    }
}
