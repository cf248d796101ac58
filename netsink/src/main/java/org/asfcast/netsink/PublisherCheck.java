package org.asfcast.netsink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.auth.DigestAlgorithm;
import org.asfcast.asf.auth.DigestRequest;
import org.asfcast.netsink.wire.DigestChallenge;
import org.asfcast.netsink.wire.DigestCredentials;
import org.asfcast.netsink.wire.DigestNonces;
import org.asfcast.netsink.wire.PlayerCredentials;
import org.asfcast.netsink.wire.RequestHead;

/**
 * Whether a request may publish to a push point: its token (in the URL as players give theirs,
 * or as the password of Basic credentials), its Basic user and password, or its HTTP Digest
 * credentials for that user and password (RFC 7616, qop=auth, SHA-256 or MD5). Secrets are
 * compared with {@link MessageDigest#isEqual} (Basic's after SHA-256, so the time taken shows
 * neither the content nor the length of a guess). A token is not a user name, so a point with a
 * token alone offers no Digest. Pure, but for the nonces' clock.
 */
final class PublisherCheck {

    /**
     * What a publisher gets when refused.
     *
     * @param status     401 (no credential it can use), 403 (a wrong one) or 400 (Digest for another target)
     * @param sentence   why, for a person
     * @param challenges the {@code WWW-Authenticate} values of a 401, strongest first
     */
    record Refusal(int status, String sentence, List<String> challenges) {
        Refusal {
            challenges = List.copyOf(challenges);
        }
    }

    /**
     * What the request was let in with, for the log and the status.
     *
     * @param scheme {@code token}, {@code Basic} or {@code Digest SHA-256} / {@code Digest MD5}
     */
    record Admission(String scheme) {
    }

    private static final String WRONG = "The publishing credential given is not this point's.";

    private final Optional<byte[]> token;
    private final Optional<byte[]> user;
    private final Optional<byte[]> password;
    private final Optional<String> digestUser;
    private final Optional<String> digestPassword;
    private final String realm;
    private final DigestNonces nonces;
    private final List<DigestAlgorithm> offered;

    PublisherCheck(PushSettings settings, String point, DigestNonces nonces) {
        this.token = settings.token().map(PublisherCheck::digest);
        this.user = settings.user().map(PublisherCheck::digest);
        this.password = settings.password().map(PublisherCheck::digest);
        this.offered = settings.digest();
        this.digestUser = settings.user().filter(u -> !offered.isEmpty());
        this.digestPassword = settings.password().filter(u -> !offered.isEmpty());
        this.realm = DigestChallenge.realm(point);
        this.nonces = nonces;
    }

    /** The credential {@code head} carries ({@code credentials} is what {@link PlayerCredentials} read of it): let in, or why not. */
    Result check(PlayerCredentials credentials, RequestHead head) {
        Optional<String> authorization = head.first("Authorization");
        if (credentials.token().isEmpty() && authorization.filter(DigestCredentials::isDigest).isPresent()) {
            return digestCheck(DigestCredentials.read(authorization.get()), head);
        }
        Optional<PlayerCredentials.Basic> basic = credentials.basic();
        if (credentials.token().isEmpty() && basic.isEmpty()) {
            // Always a challenge: the token is also taken as Basic's password, and FFmpeg with
            // user:password in its URL sends them only when asked (after Expect: 100-continue).
            return refuse(401, "Publishing here needs the point's publishing token (?token=) or its user and password.",
                    false);
        }
        boolean byToken = false;
        if (token.isPresent()) {
            byToken = credentials.token().map(t -> same(token.get(), t)).orElse(false)
                    | basic.map(b -> same(token.get(), b.password())).orElse(false);
        }
        boolean byUser = false;
        if (user.isPresent() && basic.isPresent()) {
            byUser = same(user.get(), basic.get().user()) & same(password.get(), basic.get().password());
        }
        return byToken || byUser ? Result.admitted(byUser ? "Basic" : "token") : Result.refused(new Refusal(403, WRONG, List.of()));
    }

    private Result digestCheck(DigestCredentials.Reading reading, RequestHead head) {
        if (digestUser.isEmpty()) {
            return refuse(401, "This point takes its publishing token (?token=, or as Basic's password) or Basic"
                    + " credentials, not Digest.", false);
        }
        if (reading.credentials().isEmpty()) {
            return refuse(401, reading.problem().orElseThrow() + " Answer the new challenge.", false);
        }
        DigestCredentials c = reading.credentials().get();
        if (!offered.contains(c.algorithm())) {
            return refuse(401, "Its Digest algorithm " + c.algorithm().token() + " is not one this point offers.", false);
        }
        if (!c.realm().equals(realm)) {
            return refuse(401, "Its Digest credentials are for another realm; this point's is \"" + realm + "\".", false);
        }
        if (!c.targets(head)) {
            // RFC 7616 §3.4.6: credentials for another target are a bad request, not a wrong password.
            return Result.refused(new Refusal(400, "Its Digest uri is not this request's target.", List.of()));
        }
        DigestNonces.Freshness freshness = nonces.freshness(c.nonce(), realm);
        if (freshness == DigestNonces.Freshness.FOREIGN) {
            return refuse(401, "Its Digest nonce is not one this server gave (or it gave it before a restart);"
                    + " answer the new challenge.", false);
        }
        String expectedUser = c.userhash() ? c.algorithm().userhash(digestUser.get(), realm) : digestUser.get();
        String expected = c.algorithm().response(new DigestRequest(digestUser.get(), digestPassword.get(), realm,
                head.method(), c.uri(), c.nonce()), Optional.of("auth"), c.nc(), c.cnonce());
        boolean ok = same(digest(expectedUser), c.username())
                & MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), c.response().getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            return Result.refused(new Refusal(403, WRONG, List.of()));
        }
        if (freshness == DigestNonces.Freshness.STALE) {
            // The right password on an old nonce: RFC 7616 §3.3's stale=true, so the client answers
            // the new nonce without asking its user again.
            return refuse(401, "Its Digest nonce has expired; answer the new one.", true);
        }
        return Result.admitted("Digest " + c.algorithm().token());
    }

    private Result refuse(int status, String sentence, boolean stale) {
        List<String> challenges = digestUser.isPresent()
                ? DigestChallenge.all(offered, realm, nonces.make(realm), stale)
                : List.of(DigestChallenge.basic(realm));
        return Result.refused(new Refusal(status, sentence, challenges));
    }

    /**
     * A check's outcome: exactly one of the two is present.
     *
     * @param admission how the request was let in
     * @param refusal   why it was not
     */
    record Result(Optional<Admission> admission, Optional<Refusal> refusal) {
        static Result admitted(String scheme) {
            return new Result(Optional.of(new Admission(scheme)), Optional.empty());
        }

        static Result refused(Refusal refusal) {
            return new Result(Optional.empty(), Optional.of(refusal));
        }
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
