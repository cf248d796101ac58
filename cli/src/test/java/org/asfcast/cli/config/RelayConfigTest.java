package org.asfcast.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.asfcast.client.Transport;
import org.asfcast.client.relay.RelaySettings;
import org.asfcast.client.relay.RelayUpstream;
import org.asfcast.writer.source.Backoff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A point's {@code relay:}: the URL alone, the mapping with its settings, and one problem per wrong one, with its line. */
class RelayConfigTest {

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
    void theUrlAloneTakesEveryDefault() throws Exception {
        PointSource s = source("port: 1", "points:", "  - path: /live", "    relay: mmsh://origin:8080/live");
        assertThat(s).isEqualTo(new RelaySource(RelaySettings.of(RelayUpstream.parse("mmsh://origin:8080/live"))));
        assertThat(s.describe()).isEqualTo("relay of mmsh://origin:8080/live");
        assertThat(source("port: 1", "points: [{path: /live, relay: {url: 'mmsh://origin:8080/live'}}]")).isEqualTo(s);
    }

    @Test
    void everySettingOverridesItsDefault() throws Exception {
        PointSource s = source("port: 1", "points:", "  - path: /live", "    relay:", "      url: http://origin/live",
                "      protocol: plain", "      grace: 2m", "      read-timeout: 4s", "      connect-timeout: 1s",
                "      backoff: 100ms", "      max-backoff: 20s");
        RelaySettings r = ((RelaySource) s).settings();
        assertThat(r).isEqualTo(new RelaySettings(new RelayUpstream(URI.create("http://origin/live"), Transport.PLAIN_HTTP),
                Duration.ofMinutes(2), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(20),
                RelaySettings.DEFAULT_BACKOFF.steadyRun()), Duration.ofSeconds(1), Duration.ofSeconds(4)));
        assertThat(s.describe()).isEqualTo("relay of http://origin/live (plain HTTP)");
        assertThat(((RelaySource) source("port: 1", "points: [{path: /l, relay: http://origin/live}]")).settings().upstream()
                .transport()).as("http:// is MS-WMSP unless plain is asked for").isEqualTo(Transport.WMSP);
    }

    @Test
    void aBadUrlIsOneLineNamingTheFileTheLineAndTheSetting() {
        List<ConfigProblem> found = problems("port: 1", "points:", "  - path: /live", "    relay: rtsp://origin/live");
        assertThat(found).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(dir.resolve("asfcast.yml").toString());
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.setting()).isEqualTo("points[0].relay");
            assertThat(p.sentence()).isEqualTo("must be an mmsh:// or http:// URL, not a rtsp:// one (\"rtsp://origin/live\")");
        });
    }

    @Test
    void eachWrongSettingIsOneProblemOnItsLine() {
        List<ConfigProblem> found = problems("port: 1", "points:", "  - path: /live", "    relay:",
                "      url: mmsh://origin:0/live",   // 5
                "      grace: 10",                    // 6
                "      read-timeout: 1ms",            // 7
                "      connect-timeout: 1h",          // 8
                "      backof: 1s");                  // 9
        assertThat(found).extracting(p -> p.line() + " " + p.setting() + ": " + p.sentence()).containsExactly(
                "5 points[0].relay.url: has port 0; a port is 1 to 65535 (\"mmsh://origin:0/live\")",
                "6 points[0].relay.grace: needs a unit: \"10s\" or \"10ms\" (ms, s, m or h), not a bare 10",
                "7 points[0].relay.read-timeout: must be 500ms to 10m, not 1ms",
                "8 points[0].relay.connect-timeout: must be 100ms to 5m, not 1h",
                "9 points[0].relay.backof: is not a setting here; did you mean backoff?");
    }

    @Test
    void aMissingUrlAWrongProtocolAndAWrongShapeAreNamed() {
        assertThat(problems("port: 1", "points: [{path: /a, relay: {grace: 1m}}]")).extracting(p -> p.setting() + ": " + p.sentence())
                .containsExactly("points[0].relay.url: is missing; give the origin's stream, such as url: mmsh://origin:8080/live");
        assertThat(problems("port: 1", "points: [{path: /a, relay: {url: 'mmsh://o/l', protocol: rtp}}]"))
                .extracting(ConfigProblem::sentence).containsExactly("must be wmsp (MS-WMSP, as players and distribution servers ask)"
                        + " or plain (raw ASF over http://), not \"rtp\"");
        assertThat(problems("port: 1", "points: [{path: /a, relay: {url: 'mmsh://o/l', protocol: plain}}]"))
                .extracting(ConfigProblem::sentence).containsExactly("asks for plain HTTP, which needs an http:// URL, not an mmsh://"
                        + " one (\"mmsh://o/l\")");
        assertThat(problems("port: 1", "points: [{path: /a, relay: ['mmsh://o/l']}]")).extracting(ConfigProblem::sentence)
                .containsExactly("must be the origin's URL (relay: mmsh://origin:8080/live) or a mapping such as"
                        + " {url: mmsh://origin:8080/live, grace: 1m}, not a list");
        assertThat(problems("port: 1", "points: [{path: /a, relay: {url: 'mmsh://o/l', backoff: 2s, max-backoff: 1s}}]"))
                .extracting(p -> p.setting() + ": " + p.sentence())
                .containsExactly("points[0].relay.max-backoff: must leave max-backoff (1s) at least as long as backoff (2s)");
        assertThat(problems("port: 1", "points: [{path: /a, relay: 'mmsh://o/l', restart-grace: 5s}]"))
                .extracting(ConfigProblem::sentence).containsExactly("applies to a command or transcode source only, and this"
                        + " point's source is relay");
        assertThat(problems("port: 1", "points: [{path: /a, relay: 'mmsh://o/l', file: x.wma}]"))
                .extracting(ConfigProblem::sentence).contains("has 2 sources (file, relay); give exactly one");
    }

    @Test
    void aChangedRelaySettingIsAChangedSource() throws Exception {
        Path file = dir.resolve("asfcast.yml");
        ServerConfig before = ConfigFile.parse("port: 1\npoints: [{path: /l, relay: 'mmsh://o/l'}]\n", file);
        ServerConfig after = ConfigFile.parse("port: 1\npoints: [{path: /l, relay: {url: 'mmsh://o/l', grace: 1m}}]\n", file);
        assertThat(ConfigDiff.between(before, after).points()).containsEntry("/l", PointChange.SOURCE_CHANGED);
        assertThat(ConfigDiff.between(before, before).points()).containsEntry("/l", PointChange.UNCHANGED);
    }

    @Test
    void theExamplesEdgeValidatesOnceUncommented() throws Exception {
        StringBuilder text = new StringBuilder();
        boolean inEdge = false;
        for (String line : Files.readAllLines(Path.of("..", "asfcast.example.yml"))) {
            inEdge = line.startsWith("  # - path: /edge") || inEdge && line.startsWith("  #   ");
            if (inEdge) {
                text.append("  ").append(line.substring(3)).append('\n');
            }
        }
        assertThat(text).as("the example's commented edge point").isNotEmpty();
        ServerConfig c = ConfigFile.parse("port: 1\npoints:\n" + text, dir.resolve("asfcast.yml"));
        assertThat(c.points()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("/edge");
            assertThat(((RelaySource) p.source()).settings()).isEqualTo(RelaySettings.of(RelayUpstream.parse(
                    "mmsh://origin.example.com:8080/live")));
        });
    }
}
