package org.asfcast.client.push;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.asfcast.asf.auth.AuthParams;
import org.asfcast.asf.auth.DigestAlgorithm;
import org.asfcast.asf.auth.DigestRequest;

/**
 * The push sink's answer to a server's challenge with the URL's {@code user:password}: HTTP
 * Digest (RFC 7616, qop=auth) when the server offers it, SHA-256 before MD5, else Basic. One
 * challenge answers every later request too (PushSetup, then each PushStart), the nonce count
 * going up by one each time, until the server challenges again. Used by the sender thread only.
 */
final class PushAuthorization {

    /** Digest algorithms in the order the sink prefers them. */
    private static final List<DigestAlgorithm> PREFERRED = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_256_SESS,
            DigestAlgorithm.MD5, DigestAlgorithm.MD5_SESS);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String user;
    private final String password;
    private final Optional<Digest> digest;
    private int uses;

    /** A Digest challenge the sink can answer. */
    private record Digest(DigestAlgorithm algorithm, String realm, String nonce, Optional<String> qop, Optional<String> opaque,
                          String cnonce) {
    }

    private PushAuthorization(String credentials, Optional<Digest> digest) {
        int colon = credentials.indexOf(':');
        this.user = colon < 0 ? credentials : credentials.substring(0, colon);
        this.password = colon < 0 ? "" : credentials.substring(colon + 1);
        this.digest = digest;
    }

    /**
     * The answer to the challenges of a 401's {@code WWW-Authenticate} values, with
     * {@code credentials} ({@code user:password}); empty when none is Digest the sink can compute
     * or Basic.
     */
    static Optional<PushAuthorization> answering(List<String> wwwAuthenticate, String credentials) {
        List<AuthParams> challenges = challenges(wwwAuthenticate);
        Optional<Digest> best = Optional.empty();
        int rank = PREFERRED.size();
        for (AuthParams c : challenges) {
            Optional<Digest> d = digestOf(c);
            if (d.isPresent() && PREFERRED.indexOf(d.get().algorithm()) < rank) {
                best = d;
                rank = PREFERRED.indexOf(d.get().algorithm());
            }
        }
        if (best.isPresent()) {
            return Optional.of(new PushAuthorization(credentials, best));
        }
        return challenges.stream().anyMatch(c -> c.is("Basic"))
                ? Optional.of(new PushAuthorization(credentials, Optional.empty())) : Optional.empty();
    }

    /** Whether the challenges hold one the sink can answer (Digest it can compute, or Basic). */
    static boolean answerable(List<String> wwwAuthenticate) {
        return answering(wwwAuthenticate, ":").isPresent();
    }

    /** Whether a Digest challenge among them says the last nonce was right but expired ({@code stale=true}). */
    static boolean stale(List<String> wwwAuthenticate) {
        return challenges(wwwAuthenticate).stream()
                .anyMatch(c -> c.is("Digest") && c.param("stale").map("true"::equalsIgnoreCase).orElse(false));
    }

    /** The scheme answered, for messages: {@code Digest SHA-256}, {@code Basic}. */
    String scheme() {
        return digest.map(d -> "Digest " + d.algorithm().token()).orElse("Basic");
    }

    /** Whether an answer went with this challenge before the last one (a Digest nonce used again). */
    boolean reused() {
        return digest.isPresent() && uses > 1;
    }

    /** The Authorization value for a request {@code method uri}; a Digest one counts a use of its nonce. */
    String header(String method, String uri) {
        uses++;
        if (digest.isEmpty()) {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        Digest d = digest.get();
        String nc = String.format(Locale.ROOT, "%08x", uses);
        String response = d.algorithm().response(new DigestRequest(user, password, d.realm(), method, uri, d.nonce()),
                d.qop(), nc, d.cnonce());
        StringBuilder out = new StringBuilder("Digest ");
        boolean plain = user.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7F);
        out.append(plain ? "username=" + AuthParams.quoted(user) : "username*=UTF-8''" + percentEncoded(user));
        out.append(", realm=").append(AuthParams.quoted(d.realm()));
        out.append(", uri=").append(AuthParams.quoted(uri));
        out.append(", algorithm=").append(d.algorithm().token());
        out.append(", nonce=").append(AuthParams.quoted(d.nonce()));
        d.qop().ifPresent(q -> out.append(", nc=").append(nc).append(", cnonce=").append(AuthParams.quoted(d.cnonce()))
                .append(", qop=").append(q));
        out.append(", response=").append(AuthParams.quoted(response));
        d.opaque().ifPresent(o -> out.append(", opaque=").append(AuthParams.quoted(o)));
        return out.toString();
    }

    private static List<AuthParams> challenges(List<String> values) {
        List<AuthParams> out = new ArrayList<>();
        values.forEach(v -> out.addAll(AuthParams.challenges(v)));
        return out;
    }

    /** A Digest challenge the sink can answer: a realm and nonce, an algorithm it knows, qop auth or none. */
    private static Optional<Digest> digestOf(AuthParams c) {
        if (!c.is("Digest") || c.param("realm").isEmpty() || c.param("nonce").isEmpty()) {
            return Optional.empty();
        }
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.named(c.param("algorithm").orElse("MD5"));
        Optional<String> qops = c.param("qop");
        boolean auth = qops.map(q -> List.of(q.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("auth")).orElse(false);
        if (algorithm.isEmpty() || qops.isPresent() && !auth || qops.isEmpty() && algorithm.get() != DigestAlgorithm.MD5) {
            return Optional.empty(); // RFC 2069 (no qop) is MD5 only; auth-int alone needs the body's hash
        }
        byte[] cnonce = new byte[16];
        RANDOM.nextBytes(cnonce);
        return Optional.of(new Digest(algorithm.get(), c.param("realm").get(), c.param("nonce").get(),
                auth ? Optional.of("auth") : Optional.empty(), c.param("opaque"), HexFormat.of().formatHex(cnonce)));
    }

    private static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "PushAuthorization[" + scheme() + ", " + user + "]"; // never the password
    }
}
