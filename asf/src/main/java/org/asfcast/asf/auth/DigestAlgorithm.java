package org.asfcast.asf.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The HTTP Digest algorithms asfcast computes (RFC 7616 §3.4), shared by the server, which checks
 * a publisher's {@code response}, and the push sink, which computes its own. Pure.
 */
public enum DigestAlgorithm {
    /** MD5: what every Digest client knows (FFmpeg knows nothing else). */
    MD5("MD5", "MD5", false),
    /** MD5 with a session key. */
    MD5_SESS("MD5-sess", "MD5", true),
    /** SHA-256: RFC 7616's preferred algorithm. */
    SHA_256("SHA-256", "SHA-256", false),
    /** SHA-256 with a session key. */
    SHA_256_SESS("SHA-256-sess", "SHA-256", true);

    private final String token;
    private final String jdkName;
    private final boolean session;

    DigestAlgorithm(String token, String jdkName, boolean session) {
        this.token = token;
        this.jdkName = jdkName;
        this.session = session;
    }

    /** The name in a challenge's {@code algorithm=}, e.g. {@code SHA-256}. */
    public String token() {
        return token;
    }

    /** The algorithm an {@code algorithm=} value names (any case); a challenge without one means MD5. */
    public static Optional<DigestAlgorithm> named(String value) {
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(value.strip())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** {@code H(data)}: the lower-case hex digest of {@code data}'s UTF-8 bytes. */
    public String hash(String data) {
        try {
            byte[] digest = MessageDigest.getInstance(jdkName).digest(data.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + jdkName, e);
        }
    }

    /**
     * The {@code response} of RFC 7616 §3.4.1 for {@code qop=auth}, or RFC 2069's when {@code qop}
     * is empty (then {@code nc} and {@code cnonce} are not used).
     *
     * @param request  who answers what: user, password, realm, method, uri, nonce
     * @param qop      {@code auth}, or empty for a challenge that offered no qop
     * @param nc       the nonce count, eight hex digits
     * @param cnonce   the client's nonce
     */
    public String response(DigestRequest request, Optional<String> qop, String nc, String cnonce) {
        String a1 = hash(request.user() + ":" + request.realm() + ":" + request.password());
        if (session) {
            a1 = hash(a1 + ":" + request.nonce() + ":" + cnonce);
        }
        String a2 = hash(request.method() + ":" + request.uri());
        return qop.isPresent()
                ? hash(a1 + ":" + request.nonce() + ":" + nc + ":" + cnonce + ":" + qop.get() + ":" + a2)
                : hash(a1 + ":" + request.nonce() + ":" + a2);
    }

    /** The {@code username} a client sends with {@code userhash=true}: {@code H(user:realm)}. */
    public String userhash(String user, String realm) {
        return hash(user + ":" + realm);
    }

    @Override
    public String toString() {
        return token; // the wire name, for messages
    }
}
