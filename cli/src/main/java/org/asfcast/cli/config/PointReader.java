package org.asfcast.cli.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.asfcast.netsink.AddressRange;
import org.asfcast.netsink.SlowClientPolicy;

/** Reads one item of {@code points:} into a {@link PointConfig}, reporting each problem it finds. */
final class PointReader {

    private static final List<String> SOURCES = List.of("file", "command", "transcode", "test-pattern", "stdin", "on-demand",
            "relay");
    private static final List<String> KEYS = List.of("path", "file", "command", "transcode", "test-pattern", "stdin", "on-demand",
            "loop", "restart-grace", "max-players", "allow", "deny", "slow-players", "stall-timeout", "join-burst", "start",
            "idle-stop", "fast-start", "idle-timeout", "bitrate-objects", "tokens", "token-hook", "users", "access-log",
            "relay");
    /** Settings that mean something only to a broadcast (a source that runs), and only to an on-demand point. */
    private static final List<String> BROADCAST_ONLY = List.of("loop", "restart-grace", "slow-players", "stall-timeout",
            "join-burst", "start", "idle-stop");
    private static final List<String> ON_DEMAND_ONLY = List.of("fast-start", "idle-timeout");
    private static final List<String> PATTERN_KEYS = List.of("size", "fps", "packet-size", "preroll");
    private static final Map<String, SlowClientPolicy> SLOW = Map.of("skip", SlowClientPolicy.SKIP, "drop", SlowClientPolicy.DROP);
    private static final Map<String, StartMode> START = Map.of("always", StartMode.ALWAYS, "on-demand", StartMode.ON_DEMAND);

    private final Section s;
    private final Path folder;

    private PointReader(Section s, Path folder) {
        this.s = s;
        this.folder = folder;
    }

    /** The point, or empty when it has a problem (every one found is in {@code problems}). */
    static Optional<PointConfig> read(YamlNode item, String name, Path folder, Problems problems) {
        if (!(item instanceof YamlNode.Mapping m)) {
            problems.add(item.position(), name, "must be a point (path: and a source), not " + YamlNode.describe(item));
            return Optional.empty();
        }
        return new PointReader(new Section(m, name, problems, KEYS), folder).point();
    }

    private Optional<PointConfig> point() {
        Optional<String> path = path();
        Optional<PointSource> source = source();
        Optional<PointSettings> settings = settings(source);
        Optional<GuardConfig> guard = GuardReader.read(s);
        if (path.isEmpty() || source.isEmpty() || settings.isEmpty() || guard.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PointConfig(path.get(), source.get(), settings.get(), guard.get()));
    }

    private Optional<String> path() {
        if (!s.has("path")) {
            s.problems().add(s.position(), s.name("path"), "is missing; every point needs one, such as path: /radio");
            return Optional.empty();
        }
        return s.text("path").flatMap(p -> {
            Optional<String> wrong = PointPaths.problem(p);
            wrong.ifPresent(w -> s.problem("path", w));
            return wrong.isPresent() ? Optional.empty() : Optional.of(PointPaths.normalize(p));
        });
    }

    private Optional<PointSource> source() {
        List<String> given = SOURCES.stream().filter(s::has).toList();
        if (given.isEmpty()) {
            s.problems().add(s.position(), s.name(), "has no source; give one of file:, command:, transcode:, test-pattern:,"
                    + " stdin:, on-demand: or relay:");
            return Optional.empty();
        }
        if (given.size() > 1) {
            s.problems().add(s.keyPosition(given.get(1)), s.name(), "has " + given.size() + " sources (" + String.join(", ", given)
                    + "); give exactly one");
        }
        String kind = given.get(0);
        kindOnly(kind.equals("on-demand"));
        Optional<PointSource> source = switch (kind) {
            case "on-demand" -> s.folder("on-demand", folder).map(OnDemandFolder::new);
            case "file" -> file();
            case "command" -> command();
            case "transcode" -> TranscodeReader.read(s, folder, restartGrace());
            case "test-pattern" -> testPattern();
            case "relay" -> RelayReader.read(s);
            default -> stdin();
        };
        if (kind.equals("on-demand")) {
            return given.size() > 1 ? Optional.empty() : source; // its broadcast-only settings are reported above
        }
        if (s.has("loop") && kind.equals("transcode")) {
            s.problems().add(s.keyPosition("loop"), s.name("loop"), "belongs inside transcode: (transcode: {input: ..., loop: true})");
        } else {
            only("loop", kind, "file");
        }
        only("restart-grace", kind, "command", "transcode");
        return given.size() > 1 ? Optional.empty() : source;
    }

    /** Reports the settings of the other kind of point: each would silently do nothing here. */
    private void kindOnly(boolean onDemand) {
        for (String key : onDemand ? BROADCAST_ONLY : ON_DEMAND_ONLY) {
            if (s.has(key)) {
                s.problems().add(s.keyPosition(key), s.name(key), onDemand ? "applies to broadcast points only, and this"
                        + " point serves a folder on demand" : "applies to on-demand points only, and this point is a broadcast");
            }
        }
    }

    /** Reports {@code key} when the source is none of {@code sources}: it would silently do nothing. */
    private void only(String key, String kind, String... sources) {
        if (s.has(key) && !List.of(sources).contains(kind)) {
            s.problems().add(s.keyPosition(key), s.name(key), "applies to a " + String.join(" or ", sources)
                    + " source only, and this point's source is " + kind);
        }
    }

    private Optional<PointSource> file() {
        Optional<Boolean> loop = s.has("loop") ? s.bool("loop") : Optional.of(false);
        Optional<Path> file = s.file("file", folder);
        return file.isPresent() && loop.isPresent() ? Optional.of(new FileSource(file.get(), loop.get())) : Optional.empty();
    }

    private Optional<PointSource> command() {
        Optional<Duration> grace = restartGrace();
        YamlNode node = s.node("command").orElseThrow();
        Optional<List<String>> arguments;
        if (node instanceof YamlNode.Sequence list) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                Section.text(list.items().get(i), s.name("command") + "[" + i + "]", s.problems()).ifPresent(words::add);
            }
            if (list.items().isEmpty()) {
                s.problem("command", "is an empty list; it needs at least the program");
            }
            arguments = words.size() == list.items().size() && !words.isEmpty() ? Optional.of(words) : Optional.empty();
        } else {
            arguments = s.text("command").flatMap(t -> {
                try {
                    return Optional.of(CommandWords.split(t));
                } catch (IllegalArgumentException e) {
                    s.problem("command", e.getMessage());
                    return Optional.empty();
                }
            });
        }
        return arguments.isPresent() && grace.isPresent() ? Optional.of(new CommandSource(arguments.get(), grace.get()))
                : Optional.empty();
    }

    /** How long players wait while a command (or FFmpeg) restarts. */
    private Optional<Duration> restartGrace() {
        return value("restart-grace", () -> s.duration("restart-grace", Duration.ZERO, Duration.ofHours(1)),
                CommandSource.DEFAULT_RESTART_GRACE);
    }

    private Optional<PointSource> testPattern() {
        YamlNode node = s.node("test-pattern").orElseThrow();
        if (!(node instanceof YamlNode.Mapping m)) {
            s.problem("test-pattern", "must be a mapping of options, such as {} or {size: 640x480, fps: 30}, not "
                    + YamlNode.describe(node));
            return Optional.empty();
        }
        Section t = new Section(m, s.name("test-pattern"), s.problems(), PATTERN_KEYS);
        TestPatternSource d = TestPatternSource.DEFAULTS;
        Optional<int[]> size = t.has("size") ? t.size("size", 16, 4096, true) : Optional.of(new int[] {d.width(), d.height()});
        Optional<Integer> fps = t.has("fps") ? t.integer("fps", 1, 60) : Optional.of(d.framesPerSecond());
        Optional<Integer> packet = t.has("packet-size") ? t.integer("packet-size", 100, 65536) : Optional.of(d.packetSize());
        Optional<Duration> preroll = t.has("preroll") ? t.duration("preroll", Duration.ZERO, Duration.ofSeconds(60))
                : Optional.of(d.preroll());
        if (size.isEmpty() || fps.isEmpty() || packet.isEmpty() || preroll.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TestPatternSource(size.get()[0], size.get()[1], fps.get(), packet.get(), preroll.get()));
    }

    private Optional<PointSource> stdin() {
        Optional<Boolean> on = s.bool("stdin");
        if (on.isPresent() && !on.get()) {
            s.problem("stdin", "can only be true (false would leave the point without a source)");
            return Optional.empty();
        }
        return on.map(b -> new StdinSource());
    }

    private Optional<PointSettings> settings(Optional<PointSource> source) {
        PointSettings d = PointSettings.DEFAULTS;
        Optional<Integer> players = value("max-players", () -> s.integer("max-players", 0, 1_000_000), d.maxPlayers());
        Optional<List<AddressRange>> allow = value("allow", () -> ranges("allow"), d.allow());
        Optional<List<AddressRange>> deny = value("deny", () -> ranges("deny"), d.deny());
        Optional<SlowClientPolicy> slow = value("slow-players", () -> s.choice("slow-players", SLOW), d.slowPlayers());
        Optional<Duration> stall = value("stall-timeout",
                () -> s.duration("stall-timeout", Duration.ofMillis(100), Duration.ofHours(1)), d.stallTimeout());
        Optional<Duration> burst = value("join-burst", () -> s.duration("join-burst", Duration.ZERO, Duration.ofSeconds(60)),
                d.joinBurst());
        Optional<StartMode> start = value("start", () -> s.choice("start", START), d.start());
        Optional<Duration> idle = value("idle-stop", () -> s.duration("idle-stop", Duration.ofSeconds(1), Duration.ofDays(1)),
                d.idleStop());
        Optional<Duration> fastStart = value("fast-start", () -> s.duration("fast-start", Duration.ZERO, Duration.ofMinutes(1)),
                d.fastStart());
        Optional<Duration> idleTimeout = value("idle-timeout",
                () -> s.duration("idle-timeout", Duration.ofSeconds(1), Duration.ofHours(1)), d.idleTimeout());
        Optional<Boolean> bitrateObjects = value("bitrate-objects", () -> s.bool("bitrate-objects"), d.bitrateObjects());
        if (s.has("idle-stop") && !s.has("on-demand") && start.isPresent() && start.get() != StartMode.ON_DEMAND) {
            s.problems().add(s.keyPosition("idle-stop"), s.name("idle-stop"),
                    "applies to a point with start: on-demand only; this one starts always");
        }
        if (start.orElse(null) == StartMode.ON_DEMAND && source.orElse(null) instanceof StdinSource) {
            s.problem("start", "cannot be on-demand with stdin: standard input cannot be stopped and started again");
        }
        if (players.isEmpty() || allow.isEmpty() || deny.isEmpty() || slow.isEmpty() || stall.isEmpty() || burst.isEmpty()
                || start.isEmpty() || idle.isEmpty() || fastStart.isEmpty() || idleTimeout.isEmpty() || bitrateObjects.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PointSettings(players.get(), allow.get(), deny.get(), slow.get(), stall.get(), burst.get(),
                start.get(), idle.get(), fastStart.get(), idleTimeout.get(), bitrateObjects.get()));
    }

    /** The setting's value, its default when absent, empty when wrong. */
    private <T> Optional<T> value(String key, java.util.function.Supplier<Optional<T>> read, T fallback) {
        return s.valueOr(key, read, fallback);
    }

    /** An access list: a list of addresses or networks, or just one. */
    private Optional<List<AddressRange>> ranges(String key) {
        YamlNode node = s.node(key).orElseThrow();
        List<YamlNode> items = node instanceof YamlNode.Sequence list ? list.items() : List.of(node);
        if (items.isEmpty()) {
            s.problem(key, key.equals("allow") ? "is an empty list, which would let nobody play; remove it to let everyone"
                    : "is an empty list; remove it");
            return Optional.empty();
        }
        List<AddressRange> ranges = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String name = node instanceof YamlNode.Sequence ? s.name(key) + "[" + i + "]" : s.name(key);
            YamlNode item = items.get(i);
            Section.text(item, name, s.problems()).ifPresent(t -> {
                try {
                    ranges.add(AddressRange.parse(t));
                } catch (IllegalArgumentException e) {
                    s.problems().add(item.position(), name, "must be an address or a network (10.0.0.0/8, ::1): " + e.getMessage());
                }
            });
        }
        return ranges.size() == items.size() ? Optional.of(ranges) : Optional.empty();
    }
}
