package org.asfcast.client.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.asfcast.client.ResponseHead;
import org.asfcast.client.push.PushAnswer.Sent;
import org.asfcast.client.push.PushAnswer.Verdict;
import org.junit.jupiter.api.Test;

/** What each answer to a PushSetup or PushStart makes the sink do (MS-WMHTTP §3.1.5). */
class PushAnswerTest {

    /** The research's PushSetup answer (§4.2). */
    private static final String WMS_204 = "HTTP/1.1 204 No Content\r\n"
            + "Server: Cougar/9.5.5732.6324\r\n"
            + "Content-Length: 0\r\n"
            + "Pragma: no-cache, timeout=60000\r\n"
            + "Cache-Control: no-cache\r\n"
            + "Set-Cookie: push-id=4124758405\r\n"
            + "Supported: com.microsoft.wm.srvppair, com.microsoft.wm.sswitch, com.microsoft.wm.predstrm, "
            + "com.microsoft.wm.fastcache, com.microsoft.wm.startupprofile\r\n\r\n";

    private static ResponseHead head(String text) throws Exception {
        return ResponseHead.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static PushAnswer setup(String text, boolean sent, boolean have) throws Exception {
        return setup(text, sent ? Sent.FIRST : Sent.NONE, have);
    }

    private static PushAnswer setup(String text, Sent sent, boolean have) throws Exception {
        return PushAnswer.of(head(text), "", true, sent, have);
    }

    @Test
    void theResearchAnswerOpensTheSessionWithItsPushId() throws Exception {
        PushAnswer answer = setup(WMS_204, false, false);
        assertThat(answer.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(answer.pushId()).contains("4124758405");
    }

    @Test
    void aWebServerThatIsNotWindowsMediaIsAnError() throws Exception {
        PushAnswer answer = setup("HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nContent-Length: 0\r\n\r\n", false, false);
        assertThat(answer.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(answer.sentence()).contains("not a Windows Media server").contains("nginx/1.22.1");
        assertThat(PushAnswer.isWindowsMediaServer("Rex/11.0")).isTrue();
        assertThat(PushAnswer.isWindowsMediaServer("Cougar")).isFalse();
    }

    @Test
    void aSetupWithoutAPushIdIsAnError() throws Exception {
        PushAnswer answer = setup(WMS_204.replace("Set-Cookie: push-id=4124758405\r\n", ""), false, false);
        assertThat(answer.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(PushAnswer.pushId(head(WMS_204.replace("push-id=4124758405", "push-id=ab12; path=/")))).contains("ab12");
        assertThat(PushAnswer.pushId(head(WMS_204.replace("push-id=4124758405", "push-id=0")))).isEmpty();
    }

    @Test
    void aBasicChallengeIsAnsweredOnceWithTheUrlsCredentials() throws Exception {
        String challenge = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"pub\"\r\nContent-Length: 0\r\n\r\n";
        assertThat(setup(challenge, false, true).verdict()).isEqualTo(Verdict.AUTHENTICATE);
        assertThat(setup(challenge, true, true).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(setup(challenge, true, true).sentence()).contains("refused the URL's credentials");
        assertThat(setup(challenge, false, false).sentence()).contains("http://user:password@host/point");
        String ntlm = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"pub\", nonce=\"x\", algorithm=SHA-512\r\n"
                + "WWW-Authenticate: NTLM\r\n\r\n";
        assertThat(setup(ntlm, false, true).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(setup(ntlm, false, true).sentence()).contains("Digest, NTLM").contains("only Digest and Basic");
    }

    @Test
    void aDigestChallengeIsAnsweredAndAReusedNonceIsAnsweredOnceMore() throws Exception {
        String digest = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"pub\", qop=\"auth\", nonce=\"x\"\r\n\r\n";
        assertThat(setup(digest, Sent.NONE, true).verdict()).isEqualTo(Verdict.AUTHENTICATE);
        assertThat(setup(digest, Sent.FIRST, true).verdict()).as("refused on a fresh nonce").isEqualTo(Verdict.FAIL);
        assertThat(setup(digest, Sent.REUSED, true).verdict()).as("an old nonce, or a restarted server")
                .isEqualTo(Verdict.AUTHENTICATE);
        String stale = digest.replace("nonce=\"x\"", "nonce=\"y\", stale=true");
        assertThat(setup(stale, Sent.REUSED, true).verdict()).isEqualTo(Verdict.AUTHENTICATE);
        assertThat(setup(stale, Sent.REUSED, true).sentence()).contains("stale");
        assertThat(setup(stale, Sent.FIRST, true).verdict()).as("stale right after a fresh nonce: no loop")
                .isEqualTo(Verdict.FAIL);
        assertThat(setup(digest, Sent.NONE, false).sentence()).contains("http://user:password@host/point");
    }

    @Test
    void aPushStartForAForgottenSessionStartsANewOneWhileASetupRefusalIsFinal() throws Exception {
        String notFound = "HTTP/1.1 404 Not Found\r\nContent-Length: 17\r\n\r\n";
        assertThat(PushAnswer.of(head(notFound), "no push session 7", false, Sent.NONE, false).verdict())
                .isEqualTo(Verdict.SESSION_LOST);
        PushAnswer refused = PushAnswer.of(head(notFound), "no such point", true, Sent.NONE, false);
        assertThat(refused.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(refused.sentence()).contains("404 Not Found").contains("\"no such point\"");
        assertThat(PushAnswer.of(head("HTTP/1.1 403 Forbidden\r\n\r\n"), "", false, Sent.NONE, false).verdict())
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void busyOrOverloadedServersAreTriedAgainAndRedirectsAreNamed() throws Exception {
        for (String status : new String[] {"408 Request Timeout", "409 Conflict", "503 Service Unavailable"}) {
            assertThat(setup("HTTP/1.1 " + status + "\r\n\r\n", false, false).verdict()).as(status).isEqualTo(Verdict.RETRY);
        }
        PushAnswer moved = setup("HTTP/1.1 302 Found\r\nLocation: http://other/pub\r\n\r\n", false, false);
        assertThat(moved.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(moved.sentence()).contains("http://other/pub");
    }
}
