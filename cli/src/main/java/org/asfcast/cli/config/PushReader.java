package org.asfcast.cli.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.asfcast.asf.auth.DigestAlgorithm;
import org.asfcast.netsink.PushSettings;

/**
 * Reads a point's {@code push:}: a mapping of {@code token:} and/or {@code user:} with
 * {@code password:} (who may publish), {@code grace:} (how long players wait for a publisher that
 * stopped, default 30 s), {@code idle-timeout:} (how long a publisher may send nothing, default
 * 60 s) and {@code digest:} (the Digest algorithms offered for the user: {@code sha-256+md5}, the
 * default, {@code sha-256}, {@code md5} or {@code none}).
 */
final class PushReader {

    private static final List<String> KEYS = List.of("token", "user", "password", "grace", "idle-timeout", "digest");
    /** What {@code digest:} may say: the HTTP Digest algorithms a 401 offers for the user, strongest first. */
    private static final Map<String, List<DigestAlgorithm>> DIGEST = Map.of(
            "sha-256+md5", PushSettings.DEFAULT_DIGEST,
            "sha-256", List.of(DigestAlgorithm.SHA_256),
            "md5", List.of(DigestAlgorithm.MD5),
            "none", List.of());

    private PushReader() {
    }

    /** The source, or empty when it has a problem (reported). */
    static Optional<PointSource> read(Section point) {
        YamlNode node = point.node("push").orElseThrow();
        if (!(node instanceof YamlNode.Mapping m)) {
            point.problem("push", "must be a mapping with the publishing credential, such as {token: s3cret}, not "
                    + YamlNode.describe(node));
            return Optional.empty();
        }
        Section p = new Section(m, point.name("push"), point.problems(), KEYS);
        Optional<Optional<String>> token = optionalText(p, "token");
        Optional<Optional<String>> user = optionalText(p, "user");
        Optional<Optional<String>> password = optionalText(p, "password");
        Optional<Duration> grace = p.valueOr("grace", () -> p.duration("grace", Duration.ZERO, Duration.ofHours(1)),
                PushSettings.DEFAULT_GRACE);
        Optional<Duration> idle = p.valueOr("idle-timeout",
                () -> p.duration("idle-timeout", Duration.ofSeconds(10), Duration.ofHours(1)), PushSettings.DEFAULT_IDLE_TIMEOUT);
        Optional<List<DigestAlgorithm>> digest = p.valueOr("digest", () -> p.choice("digest", DIGEST),
                PushSettings.DEFAULT_DIGEST);
        boolean ok = token.isPresent() && user.isPresent() && password.isPresent() && grace.isPresent() && idle.isPresent()
                && digest.isPresent();
        if (ok && token.get().isEmpty() && user.get().isEmpty()) {
            p.problems().add(p.position(), p.name(), "needs who may publish: token: (and/or user: with password:)");
            ok = false;
        }
        if (ok && user.get().isPresent() != password.get().isPresent()) {
            String missing = user.get().isPresent() ? "password" : "user";
            p.problems().add(p.position(), p.name(missing), "is missing; a push user and password go together");
            ok = false;
        }
        if (ok && p.has("digest") && user.get().isEmpty()) {
            p.problem("digest", "is for the user and password, and this point has none (a token is no user name)");
            ok = false;
        }
        if (!ok) {
            return Optional.empty();
        }
        return Optional.of(new PushSource(new PushSettings(token.get(), user.get(), password.get(), grace.get(), idle.get(),
                digest.get())));
    }

    /** A text setting that may be absent: empty (outer) when wrong. */
    private static Optional<Optional<String>> optionalText(Section p, String key) {
        if (!p.has(key)) {
            return Optional.of(Optional.empty());
        }
        Optional<String> text = p.text(key);
        if (text.isPresent() && text.get().isEmpty()) {
            p.problem(key, "is empty; give a secret, or leave " + key + ": out");
            return Optional.empty();
        }
        return text.map(Optional::of);
    }
}
