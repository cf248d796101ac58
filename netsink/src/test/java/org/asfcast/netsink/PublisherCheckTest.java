package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.asfcast.asf.auth.AuthParams;
import org.asfcast.asf.auth.DigestAlgorithm;
import org.asfcast.asf.auth.DigestRequest;
import org.asfcast.netsink.wire.DigestNonces;
import org.asfcast.netsink.wire.HeadParseResult;
import org.asfcast.netsink.wire.PlayerCredentials;
import org.asfcast.netsink.wire.RequestHead;
import org.asfcast.netsink.wire.RequestHeadParser;
import org.junit.jupiter.api.Test;

/** Who may publish: token, Basic and Digest, and what each kind of refusal looks like. */
class PublisherCheckTest {

    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final DigestNonces nonces = new DigestNonces(new byte[32], Duration.ofMinutes(5), now::get);
    private final PublisherCheck userPoint = new PublisherCheck(new PushSettings(Optional.of("tok"), Optional.of("encoder"),
            Optional.of("s3cret"), PushSettings.DEFAULT_GRACE, PushSettings.DEFAULT_IDLE_TIMEOUT), "/live", nonces);
    private final PublisherCheck tokenPoint = new PublisherCheck(PushSettings.ofToken("tok"), "/live", nonces);

    @Test
    void noCredentialGets401WithDigestFirstThenBasic() {
        PublisherCheck.Refusal r = refusal(userPoint, "PUT /live HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.challenges()).hasSize(3);
        assertThat(r.challenges().get(0)).startsWith("Digest realm=\"/live\", qop=\"auth\", algorithm=SHA-256, nonce=\"");
        assertThat(r.challenges().get(1)).startsWith("Digest realm=\"/live\", qop=\"auth\", algorithm=MD5, nonce=\"");
        assertThat(r.challenges().get(2)).isEqualTo("Basic realm=\"/live\"");
        assertThat(nonces.freshness(nonce(r), "/live")).isEqualTo(DigestNonces.Freshness.FRESH);
        // A token is not a user name: no Digest for a point with a token alone.
        assertThat(refusal(tokenPoint, "PUT /live HTTP/1.1\r\nHost: x\r\n\r\n").challenges()).containsExactly("Basic realm=\"/live\"");
    }

    @Test
    void digestWithTheRightPasswordIsLetInByEitherAlgorithm() {
        for (DigestAlgorithm a : new DigestAlgorithm[] {DigestAlgorithm.SHA_256, DigestAlgorithm.MD5}) {
            String nonce = nonces.make("/live");
            PublisherCheck.Result r = check(userPoint, "PUT", "/live?x=1", digest(a, "encoder", "s3cret", "PUT", "/live?x=1", nonce));
            assertThat(r.admission()).as("%s", a).hasValueSatisfying(x -> assertThat(x.scheme()).isEqualTo("Digest " + a.token()));
            assertThat(r.refusal()).isEmpty();
        }
    }

    @Test
    void aWrongPasswordOrUserIs403AndAnotherTarget400() {
        String nonce = nonces.make("/live");
        PublisherCheck.Refusal wrong = check(userPoint, "PUT", "/live",
                digest(DigestAlgorithm.MD5, "encoder", "guess", "PUT", "/live", nonce)).refusal().orElseThrow();
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.challenges()).isEmpty();
        assertThat(check(userPoint, "PUT", "/live", digest(DigestAlgorithm.MD5, "other", "s3cret", "PUT", "/live", nonce))
                .refusal().orElseThrow().status()).isEqualTo(403);
        // A response computed for another method is wrong too (the method is in A2).
        assertThat(check(userPoint, "PUT", "/live", digest(DigestAlgorithm.MD5, "encoder", "s3cret", "POST", "/live", nonce))
                .refusal().orElseThrow().status()).isEqualTo(403);
        PublisherCheck.Refusal elsewhere = check(userPoint, "PUT", "/live",
                digest(DigestAlgorithm.MD5, "encoder", "s3cret", "PUT", "/other", nonce)).refusal().orElseThrow();
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.sentence()).contains("uri");
    }

    @Test
    void anExpiredNonceWithTheRightPasswordGetsAStaleChallenge() {
        String nonce = nonces.make("/live");
        now.addAndGet(Duration.ofMinutes(6).toMillis());
        PublisherCheck.Refusal stale = check(userPoint, "PUT", "/live",
                digest(DigestAlgorithm.SHA_256, "encoder", "s3cret", "PUT", "/live", nonce)).refusal().orElseThrow();
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.challenges().subList(0, 2)).allSatisfy(c -> assertThat(c).endsWith(", stale=true"));
        assertThat(nonces.freshness(nonce(stale), "/live")).isEqualTo(DigestNonces.Freshness.FRESH);
        // ...but with a wrong password it is simply wrong: stale says the password was right.
        assertThat(check(userPoint, "PUT", "/live", digest(DigestAlgorithm.SHA_256, "encoder", "x", "PUT", "/live", nonce))
                .refusal().orElseThrow().status()).isEqualTo(403);
    }

    @Test
    void aNonceNotMadeHereGetsAFreshChallengeNotStale() {
        String foreign = new DigestNonces().make("/live");
        PublisherCheck.Refusal r = check(userPoint, "PUT", "/live",
                digest(DigestAlgorithm.MD5, "encoder", "s3cret", "PUT", "/live", foreign)).refusal().orElseThrow();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.challenges().get(0)).doesNotContain("stale");
        assertThat(r.sentence()).contains("nonce");
    }

    @Test
    void aUserhashIsCheckedAgainstTheHashedUser() {
        String nonce = nonces.make("/live");
        String header = digest(DigestAlgorithm.SHA_256, "encoder", "s3cret", "PUT", "/live", nonce)
                .replace("username=\"encoder\"", "username=\"" + DigestAlgorithm.SHA_256.userhash("encoder", "/live")
                        + "\", userhash=true");
        assertThat(check(userPoint, "PUT", "/live", header).admission()).isPresent();
    }

    @Test
    void malformedOrUnusableDigestIs401WithASentenceAndNewChallenges() {
        for (String bad : new String[] {"Digest", "Digest username=\"encoder", "Digest realm=\"/live\", nonce=x",
            "Digest username=\"encoder\", realm=\"/elsewhere\", nonce=\"n\", uri=\"/live\", response=\"00\", qop=auth,"
                    + " nc=00000001, cnonce=\"c\"", "Digest \u00ff=\u00ff"}) {
            PublisherCheck.Refusal r = check(userPoint, "PUT", "/live", bad).refusal().orElseThrow();
            assertThat(r.status()).as("%s", bad).isEqualTo(401);
            assertThat(r.sentence()).as("%s", bad).isNotBlank().endsWith(".");
            assertThat(r.challenges()).as("%s", bad).hasSize(3);
        }
        PublisherCheck.Refusal tokenOnly = check(tokenPoint, "PUT", "/live",
                digest(DigestAlgorithm.MD5, "encoder", "tok", "PUT", "/live", nonces.make("/live"))).refusal().orElseThrow();
        assertThat(tokenOnly.status()).isEqualTo(401);
        assertThat(tokenOnly.sentence()).contains("token");
        assertThat(tokenOnly.challenges()).containsExactly("Basic realm=\"/live\"");
    }

    @Test
    void aPointMayOfferMd5AloneOrNoDigest() {
        PublisherCheck md5 = new PublisherCheck(new PushSettings(Optional.empty(), Optional.of("encoder"), Optional.of("s3cret"),
                PushSettings.DEFAULT_GRACE, PushSettings.DEFAULT_IDLE_TIMEOUT, List.of(DigestAlgorithm.MD5)), "/live", nonces);
        assertThat(refusal(md5, "PUT /live HTTP/1.1\r\nHost: x\r\n\r\n").challenges()).hasSize(2)
                .satisfies(c -> assertThat(c.get(0)).contains("algorithm=MD5"), c -> assertThat(c.get(1)).startsWith("Basic"));
        String nonce = nonces.make("/live");
        assertThat(check(md5, "PUT", "/live", digest(DigestAlgorithm.MD5, "encoder", "s3cret", "PUT", "/live", nonce))
                .admission()).isPresent();
        PublisherCheck.Refusal notOffered = check(md5, "PUT", "/live",
                digest(DigestAlgorithm.SHA_256, "encoder", "s3cret", "PUT", "/live", nonce)).refusal().orElseThrow();
        assertThat(notOffered.status()).isEqualTo(401);
        assertThat(notOffered.sentence()).contains("SHA-256");
        PublisherCheck basicOnly = new PublisherCheck(new PushSettings(Optional.empty(), Optional.of("encoder"),
                Optional.of("s3cret"), PushSettings.DEFAULT_GRACE, PushSettings.DEFAULT_IDLE_TIMEOUT, List.of()), "/live", nonces);
        assertThat(refusal(basicOnly, "PUT /live HTTP/1.1\r\nHost: x\r\n\r\n").challenges()).containsExactly("Basic realm=\"/live\"");
        assertThat(check(basicOnly, "PUT", "/live", digest(DigestAlgorithm.MD5, "encoder", "s3cret", "PUT", "/live", nonce))
                .refusal().orElseThrow().status()).isEqualTo(401);
        assertThat(check(basicOnly, "PUT", "/live", "Basic ZW5jb2RlcjpzM2NyZXQ=").admission()).isPresent();
    }

    @Test
    void tokenAndBasicWorkAsBefore() {
        assertThat(check(userPoint, "PUT", "/live?token=tok", null).admission().orElseThrow().scheme()).isEqualTo("token");
        assertThat(check(userPoint, "PUT", "/live", "Basic ZW5jb2RlcjpzM2NyZXQ=").admission().orElseThrow().scheme())
                .isEqualTo("Basic");
        assertThat(check(tokenPoint, "PUT", "/live", "Basic eDp0b2s=").admission().orElseThrow().scheme()).isEqualTo("token");
        assertThat(check(userPoint, "PUT", "/live?token=bad", null).refusal().orElseThrow().status()).isEqualTo(403);
    }

    private static String digest(DigestAlgorithm a, String user, String password, String method, String uri, String nonce) {
        String cnonce = "0a4f113b";
        String response = a.response(new DigestRequest(user, password, "/live", method, uri, nonce), Optional.of("auth"),
                "00000001", cnonce);
        return "Digest username=" + AuthParams.quoted(user) + ", realm=\"/live\", nonce=" + AuthParams.quoted(nonce)
                + ", uri=" + AuthParams.quoted(uri) + ", algorithm=" + a.token() + ", response=\"" + response
                + "\", qop=auth, nc=00000001, cnonce=\"" + cnonce + "\"";
    }

    private static String nonce(PublisherCheck.Refusal r) {
        return AuthParams.challenges(r.challenges().get(0)).get(0).param("nonce").orElseThrow();
    }

    private static PublisherCheck.Refusal refusal(PublisherCheck check, String request) {
        RequestHead head = head(request);
        return check.check(PlayerCredentials.of(head), head).refusal().orElseThrow();
    }

    private static PublisherCheck.Result check(PublisherCheck check, String method, String target, String authorization) {
        RequestHead head = head(method + " " + target + " HTTP/1.1\r\nHost: x\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n");
        return check.check(PlayerCredentials.of(head), head);
    }

    private static RequestHead head(String text) {
        HeadParseResult r = new RequestHeadParser().feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
        return ((HeadParseResult.Complete) r).head();
    }
}
