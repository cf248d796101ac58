package org.asfcast.netsink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.asfcast.netsink.wire.PlayerCredentials;

/**
 * Whether a request may publish to a push point: its token (in the URL as players give theirs,
 * or as the password of Basic credentials) or its Basic user and password. Both sides are hashed
 * with SHA-256 and compared with {@link MessageDigest#isEqual}, so the time taken shows neither the
 * content nor the length of a guess. Pure.
 */
final class PublisherCheck {

    /**
     * What a publisher gets when refused.
     *
     * @param status    401 (no credential) or 403 (a wrong one)
     * @param sentence  why, for a person
     * @param challenge whether the 401 asks for Basic credentials
     */
    record Refusal(int status, String sentence, boolean challenge) {
    }

    private final Optional<byte[]> token;
    private final Optional<byte[]> user;
    private final Optional<byte[]> password;

    PublisherCheck(PushSettings settings) {
        this.token = settings.token().map(PublisherCheck::digest);
        this.user = settings.user().map(PublisherCheck::digest);
        this.password = settings.password().map(PublisherCheck::digest);
    }

    /** Empty when {@code credentials} may publish, else the refusal. */
    Optional<Refusal> check(PlayerCredentials credentials) {
        Optional<PlayerCredentials.Basic> basic = credentials.basic();
        if (credentials.token().isEmpty() && basic.isEmpty()) {
            // Always a Basic challenge: the token is also taken as Basic's password, and FFmpeg with
            // user:password in its URL sends them only when asked (after Expect: 100-continue).
            return Optional.of(new Refusal(401, "Publishing here needs the point's publishing token (?token=) or its"
                    + " user and password.", true));
        }
        boolean ok = false;
        if (token.isPresent()) {
            ok = credentials.token().map(t -> same(token.get(), t)).orElse(false)
                    | basic.map(b -> same(token.get(), b.password())).orElse(false);
        }
        if (user.isPresent() && basic.isPresent()) {
            ok |= same(user.get(), basic.get().user()) & same(password.get(), basic.get().password());
        }
        return ok ? Optional.empty()
                : Optional.of(new Refusal(403, "The publishing credential given is not this point's.", false));
    }

    private static boolean same(byte[] digest, String given) {
        return MessageDigest.isEqual(digest, digest(given));
    }

    static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
