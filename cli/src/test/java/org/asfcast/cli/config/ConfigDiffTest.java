package org.asfcast.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.asfcast.netsink.AddressRange;
import org.asfcast.netsink.SlowClientPolicy;
import org.junit.jupiter.api.Test;

/** The reload diff, from records (no files). */
class ConfigDiffTest {

    private static final PointSettings D = PointSettings.DEFAULTS;
    private static final PointSource FILE = new FileSource(Path.of("/srv/a.wma"), false);

    private static ServerConfig server(PointConfig... points) {
        return new ServerConfig(Path.of("a.yml"), 8080, Optional.empty(), Optional.empty(), ServerLimits.DEFAULTS, List.of(points));
    }

    private static PointChange change(PointConfig old, PointConfig next) {
        return ConfigDiff.between(server(old), server(next)).points().get(next.path());
    }

    @Test
    void addedRemovedAndUnchangedInTheNewFilesOrder() {
        PointConfig a = new PointConfig("/a", FILE, D);
        PointConfig b = new PointConfig("/b", new StdinSource(), D);
        PointConfig c = new PointConfig("/c", TestPatternSource.DEFAULTS, D);
        ConfigDiff d = ConfigDiff.between(server(a, b), server(c, a));
        assertThat(d.points()).containsExactly(Map.entry("/c", PointChange.ADDED), Map.entry("/a", PointChange.UNCHANGED),
                Map.entry("/b", PointChange.REMOVED));
        assertThat(d.paths(PointChange.REMOVED)).containsExactly("/b");
        assertThat(d.serverSettingsChanged()).isFalse();
        assertThat(d.listenerChanged()).isFalse();
        assertThat(ConfigDiff.between(server(a), server(a)).isEmpty()).isTrue();
        assertThat(d.isEmpty()).isFalse();
    }

    @Test
    void everySettingIsASettingsChange() throws Exception {
        List<PointSettings> changed = List.of(
                new PointSettings(5, D.allow(), D.deny(), D.slowPlayers(), D.stallTimeout(), D.joinBurst(), D.start(), D.idleStop()),
                new PointSettings(D.maxPlayers(), List.of(AddressRange.parse("10.0.0.0/8")), D.deny(), D.slowPlayers(),
                        D.stallTimeout(), D.joinBurst(), D.start(), D.idleStop()),
                new PointSettings(D.maxPlayers(), D.allow(), List.of(AddressRange.parse("::1")), D.slowPlayers(), D.stallTimeout(),
                        D.joinBurst(), D.start(), D.idleStop()),
                new PointSettings(D.maxPlayers(), D.allow(), D.deny(), SlowClientPolicy.DROP, D.stallTimeout(), D.joinBurst(),
                        D.start(), D.idleStop()),
                new PointSettings(D.maxPlayers(), D.allow(), D.deny(), D.slowPlayers(), Duration.ofSeconds(3), D.joinBurst(),
                        D.start(), D.idleStop()),
                new PointSettings(D.maxPlayers(), D.allow(), D.deny(), D.slowPlayers(), D.stallTimeout(), Duration.ZERO, D.start(),
                        D.idleStop()),
                new PointSettings(D.maxPlayers(), D.allow(), D.deny(), D.slowPlayers(), D.stallTimeout(), D.joinBurst(),
                        StartMode.ON_DEMAND, D.idleStop()),
                new PointSettings(D.maxPlayers(), D.allow(), D.deny(), D.slowPlayers(), D.stallTimeout(), D.joinBurst(), D.start(),
                        Duration.ofMinutes(5)));
        for (PointSettings s : changed) {
            assertThat(change(new PointConfig("/a", FILE, D), new PointConfig("/a", FILE, s))).as(s.toString())
                    .isEqualTo(PointChange.SETTINGS_CHANGED);
        }
        // Equal values read twice are equal: a re-read file is unchanged.
        assertThat(change(new PointConfig("/a", FILE, changed.get(1)), new PointConfig("/a", FILE,
                new PointSettings(D.maxPlayers(), List.of(AddressRange.parse("10.0.0.0/8")), D.deny(), D.slowPlayers(),
                        D.stallTimeout(), D.joinBurst(), D.start(), D.idleStop())))).isEqualTo(PointChange.UNCHANGED);
    }

    @Test
    void everySourceChangeRestartsTheSourceEvenWithSettingsChangedToo() {
        List<PointSource> sources = List.of(FILE, new FileSource(Path.of("/srv/b.wma"), false), new FileSource(Path.of("/srv/a.wma"), true),
                new CommandSource(List.of("ffmpeg", "-i", "x"), CommandSource.DEFAULT_RESTART_GRACE),
                new CommandSource(List.of("ffmpeg", "-i", "y"), CommandSource.DEFAULT_RESTART_GRACE),
                new CommandSource(List.of("ffmpeg", "-i", "x"), Duration.ofSeconds(5)),
                TestPatternSource.DEFAULTS, new TestPatternSource(640, 480, 25, 3200, Duration.ofSeconds(1)),
                new TestPatternSource(320, 240, 25, 3200, Duration.ZERO), new StdinSource());
        PointSettings other = new PointSettings(7, D.allow(), D.deny(), D.slowPlayers(), D.stallTimeout(), D.joinBurst(), D.start(),
                D.idleStop());
        for (PointSource from : sources) {
            for (PointSource to : sources) {
                PointChange expected = from.equals(to) ? PointChange.UNCHANGED : PointChange.SOURCE_CHANGED;
                assertThat(change(new PointConfig("/a", from, D), new PointConfig("/a", to, D))).isEqualTo(expected);
                assertThat(change(new PointConfig("/a", from, D), new PointConfig("/a", to, other)))
                        .isEqualTo(from.equals(to) ? PointChange.SETTINGS_CHANGED : PointChange.SOURCE_CHANGED);
            }
        }
    }

    @Test
    void serverWideSettingsAndTheListener() throws Exception {
        PointConfig a = new PointConfig("/a", FILE, D);
        ServerConfig base = server(a);
        ServerConfig limits = new ServerConfig(base.file(), 8080, Optional.empty(), Optional.empty(),
                new ServerLimits(10, BitRate.NONE, 0), List.of(a));
        ServerConfig host = new ServerConfig(base.file(), 8080, Optional.empty(), Optional.of("radio.example.org"),
                ServerLimits.DEFAULTS, List.of(a));
        ServerConfig port = new ServerConfig(base.file(), 8081, Optional.empty(), Optional.empty(), ServerLimits.DEFAULTS, List.of(a));
        ServerConfig bind = new ServerConfig(base.file(), 8080, Optional.of(InetAddress.getByName("127.0.0.1")), Optional.empty(),
                ServerLimits.DEFAULTS, List.of(a));
        assertThat(ConfigDiff.between(base, limits).serverSettingsChanged()).isTrue();
        assertThat(ConfigDiff.between(base, host).serverSettingsChanged()).isTrue();
        assertThat(ConfigDiff.between(base, limits).listenerChanged()).isFalse();
        assertThat(ConfigDiff.between(base, port).listenerChanged()).isTrue();
        assertThat(ConfigDiff.between(base, bind).listenerChanged()).isTrue();
        assertThat(ConfigDiff.between(base, bind).listenerChange()).get().asString().contains("cannot change while the server runs");
        assertThat(ConfigDiff.between(base, port).points()).containsExactly(Map.entry("/a", PointChange.UNCHANGED));
    }
}
