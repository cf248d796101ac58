package org.asfcast.cli.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads a point's {@code tokens:}, {@code token-hook:} and {@code users:} into a {@link GuardConfig}. */
final class GuardReader {

    /** The keys it reads from a point. */
    static final List<String> KEYS = List.of("tokens", "token-hook", "users");

    /** A token is guessed from its length: 8 characters of 64 kinds are 2^48 guesses. */
    static final int SHORTEST_TOKEN = 8;
    private static final int LONGEST_TOKEN = 200;
    private static final List<String> HOOK_KEYS = List.of("url", "timeout", "cache");

    private GuardReader() {
    }

    /** The point's guard; empty when a setting is wrong (reported). */
    static Optional<GuardConfig> read(Section s) {
        if (s.has("tokens") && s.has("token-hook")) {
            s.problems().add(s.keyPosition("token-hook"), s.name("token-hook"),
                    "and tokens: are two ways to check a token; give one (the hook can know the listed tokens)");
            return Optional.empty();
        }
        Optional<List<String>> tokens = s.valueOr("tokens", () -> tokens(s), List.of());
        Optional<Optional<GuardConfig.Hook>> hook = s.valueOr("token-hook", () -> hook(s).map(Optional::of), Optional.empty());
        Optional<Map<String, String>> users = s.valueOr("users", () -> users(s), Map.of());
        if (tokens.isEmpty() || hook.isEmpty() || users.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GuardConfig(tokens.get(), hook.get(), users.get()));
    }

    private static Optional<List<String>> tokens(Section s) {
        YamlNode node = s.node("tokens").orElseThrow();
        List<YamlNode> items = node instanceof YamlNode.Sequence list ? list.items() : List.of(node);
        if (items.isEmpty()) {
            s.problem("tokens", "is an empty list, which would let nobody play; remove it to let everyone");
            return Optional.empty();
        }
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String name = node instanceof YamlNode.Sequence ? s.name("tokens") + "[" + i + "]" : s.name("tokens");
            YamlNode item = items.get(i);
            Section.text(item, name, s.problems()).ifPresent(t -> {
                Optional<String> wrong = tokenProblem(t);
                if (wrong.isPresent()) {
                    s.problems().add(item.position(), name, wrong.get());
                } else {
                    tokens.add(t);
                }
            });
        }
        return tokens.size() == items.size() ? Optional.of(tokens) : Optional.empty();
    }

    /** What is wrong with a token, if anything; the sentence never repeats it. */
    static Optional<String> tokenProblem(String token) {
        if (token.length() < SHORTEST_TOKEN) {
            return Optional.of("is " + token.length() + " characters long; a token needs at least " + SHORTEST_TOKEN
                    + " (a short one is guessed)");
        }
        if (token.length() > LONGEST_TOKEN) {
            return Optional.of("is longer than " + LONGEST_TOKEN + " characters");
        }
        if (!token.matches("[A-Za-z0-9._~-]+")) {
            return Optional.of("may hold only letters, digits and -._~ (it goes into URLs as it is)");
        }
        return Optional.empty();
    }

    private static Optional<GuardConfig.Hook> hook(Section s) {
        YamlNode node = s.node("token-hook").orElseThrow();
        if (node instanceof YamlNode.Scalar) {
            node = new YamlNode.Mapping(node.position(), List.of(new YamlNode.Entry("url", node.position(), node)));
        }
        if (!(node instanceof YamlNode.Mapping m)) {
            s.problem("token-hook", "must be a URL or a mapping {url: ..., timeout: 2s, cache: 60s}, not " + YamlNode.describe(node));
            return Optional.empty();
        }
        Section h = new Section(m, s.name("token-hook"), s.problems(), HOOK_KEYS);
        if (!h.has("url")) {
            s.problem("token-hook", "has no url: where the hook is, such as url: http://127.0.0.1:9000/token");
            return Optional.empty();
        }
        Optional<URI> url = h.text("url").flatMap(t -> {
            try {
                URI u = new URI(t);
                if (("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) && u.getHost() != null) {
                    return Optional.of(u);
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            h.problem("url", "must be an http:// or https:// URL with a host, not \"" + t + "\"");
            return Optional.empty();
        });
        Optional<Duration> timeout = h.valueOr("timeout", () -> h.duration("timeout", Duration.ofMillis(100),
                Duration.ofSeconds(30)), GuardConfig.Hook.DEFAULT_TIMEOUT);
        Optional<Duration> cache = h.valueOr("cache", () -> h.duration("cache", Duration.ZERO, Duration.ofDays(1)),
                GuardConfig.Hook.DEFAULT_CACHE);
        if (url.isEmpty() || timeout.isEmpty() || cache.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GuardConfig.Hook(url.get(), timeout.get(), cache.get()));
    }

    private static Optional<Map<String, String>> users(Section s) {
        YamlNode node = s.node("users").orElseThrow();
        if (!(node instanceof YamlNode.Mapping m) || m.entries().isEmpty()) {
            s.problem("users", "must be a mapping of user names to passwords, such as {mplayer: a-long-password}, not "
                    + YamlNode.describe(node));
            return Optional.empty();
        }
        Map<String, String> users = new LinkedHashMap<>();
        boolean wrong = false;
        for (YamlNode.Entry e : m.entries()) {
            String name = s.name("users") + "." + e.key();
            if (e.key().isEmpty() || e.key().contains(":") || !e.key().matches("\\p{Graph}+")) {
                s.problems().add(e.keyPosition(), name, "a user name has no ':', space or control character (HTTP Basic)");
                wrong = true;
                continue;
            }
            Optional<String> password = Section.text(e.value(), name, s.problems());
            if (password.isEmpty()) {
                wrong = true;
            } else if (password.get().length() < SHORTEST_TOKEN) {
                s.problems().add(e.value().position(), name, "is a password of " + password.get().length()
                        + " characters; it needs at least " + SHORTEST_TOKEN);
                wrong = true;
            } else {
                users.put(e.key(), password.get());
            }
        }
        return wrong ? Optional.empty() : Optional.of(users);
    }
}
