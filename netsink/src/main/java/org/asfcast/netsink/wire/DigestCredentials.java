package org.asfcast.netsink.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.asfcast.asf.auth.AuthParams;
import org.asfcast.asf.auth.DigestAlgorithm;

/**
 * A publisher's HTTP Digest credentials (RFC 7616 §3.4), as an {@code Authorization: Digest}
 * header carries them, read by RFC 7235's grammar. Only what asfcast can check is read: qop
 * {@code auth} (with its nc and cnonce) and the algorithms of {@link DigestAlgorithm}. Reading
 * never throws; what cannot be read says why in a sentence. Pure.
 *
 * @param username  the user name, or with {@code userhash} its hash {@code H(user:realm)}
 * @param userhash  whether {@code username} is hashed
 * @param realm     the realm answered
 * @param nonce     the server's nonce answered
 * @param uri       the request target the response covers
 * @param response  the response, lower-case hex
 * @param algorithm the algorithm ({@code MD5} when the header names none)
 * @param nc        the nonce count, eight hex digits
 * @param cnonce    the client's nonce
 */
public record DigestCredentials(String username, boolean userhash, String realm, String nonce, String uri, String response,
                                DigestAlgorithm algorithm, String nc, String cnonce) {

    /**
     * What an Authorization value held.
     *
     * @param credentials the credentials, when they could be read
     * @param problem     why not, for a person, when they could not
     */
    public record Reading(Optional<DigestCredentials> credentials, Optional<String> problem) {
        static Reading of(DigestCredentials c) {
            return new Reading(Optional.of(c), Optional.empty());
        }

        static Reading problem(String sentence) {
            return new Reading(Optional.empty(), Optional.of(sentence));
        }
    }

    /** Checks for nulls. */
    public DigestCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(nc, "nc");
        Objects.requireNonNull(cnonce, "cnonce");
    }

    /** Whether an Authorization value is of the Digest scheme (well-formed or not). */
    public static boolean isDigest(String authorization) {
        String v = authorization.strip();
        return v.regionMatches(true, 0, "Digest", 0, 6) && (v.length() == 6 || v.charAt(6) == ' ' || v.charAt(6) == '\t');
    }

    /** Reads a Digest Authorization value. */
    public static Reading read(String authorization) {
        Optional<AuthParams> parsed = AuthParams.credentials(authorization);
        if (parsed.isEmpty() || !parsed.get().is("Digest") || parsed.get().token68().isPresent()) {
            return Reading.problem("Its Authorization: Digest header does not follow RFC 7616's grammar.");
        }
        AuthParams p = parsed.get();
        Optional<String> username = p.param("username");
        Optional<String> extended = p.param("username*");
        if (username.isPresent() == extended.isPresent()) {
            return Reading.problem("Its Digest credentials need exactly one of username and username*.");
        }
        if (extended.isPresent()) {
            username = extendedValue(extended.get());
            if (username.isEmpty()) {
                return Reading.problem("Its Digest username* is not a UTF-8 extended value (RFC 8187).");
            }
        }
        for (String required : new String[] {"realm", "nonce", "uri", "response"}) {
            if (p.param(required).isEmpty()) {
                return Reading.problem("Its Digest credentials have no " + required + ".");
            }
        }
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.named(p.param("algorithm").orElse("MD5"));
        if (algorithm.isEmpty()) {
            return Reading.problem("Its Digest algorithm is not one asfcast offers (SHA-256, MD5).");
        }
        if (!p.param("qop").map("auth"::equalsIgnoreCase).orElse(false)) {
            return Reading.problem("Its Digest credentials need qop=auth, as the challenge asks.");
        }
        String nc = p.param("nc").orElse("");
        if (!nc.matches("[0-9A-Fa-f]{8}")) {
            return Reading.problem("Its Digest nc is not eight hex digits.");
        }
        String cnonce = p.param("cnonce").orElse("");
        if (cnonce.isEmpty()) {
            return Reading.problem("Its Digest credentials have no cnonce.");
        }
        boolean userhash = p.param("userhash").map("true"::equalsIgnoreCase).orElse(false);
        return Reading.of(new DigestCredentials(username.get(), userhash, p.param("realm").get(), p.param("nonce").get(),
                p.param("uri").get(), p.param("response").get().toLowerCase(java.util.Locale.ROOT), algorithm.get(), nc,
                cnonce));
    }

    /**
     * Whether {@link #uri} names the request {@code head} is for (RFC 7616 §3.4.6): the same
     * decoded path and the same raw query, given as a path or as an absolute URL.
     */
    public boolean targets(RequestHead head) {
        String rest = uri;
        int scheme = rest.indexOf("://");
        if (!rest.startsWith("/") && scheme > 0) {
            int slash = rest.indexOf('/', scheme + 3);
            int question = rest.indexOf('?', scheme + 3);
            int end = slash < 0 ? question : question < 0 ? slash : Math.min(slash, question);
            rest = end < 0 ? "/" : rest.charAt(end) == '?' ? "/" + rest.substring(end) : rest.substring(end);
        }
        int question = rest.indexOf('?');
        String path = question < 0 ? rest : rest.substring(0, question);
        String query = question < 0 ? "" : rest.substring(question + 1);
        return query.equals(head.query()) && decoded(path).map(head.path()::equals).orElse(false);
    }

    private static Optional<String> decoded(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    return Optional.empty();
                }
                out.write(high << 4 | low);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return Optional.of(out.toString(StandardCharsets.UTF_8));
    }

    /** An RFC 8187 ext-value in UTF-8 ({@code UTF-8'[lang]'pct-encoded}), decoded. */
    static Optional<String> extendedValue(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0 || !value.substring(0, first).equalsIgnoreCase("UTF-8")) {
            return Optional.empty();
        }
        return decoded(value.substring(second + 1));
    }

    @Override
    public String toString() {
        return "DigestCredentials[" + username + ", " + algorithm + ", " + uri + "]"; // the response says nothing to a person
    }
}
