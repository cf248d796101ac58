package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.asfcast.netsink.PushSettings;
import org.junit.jupiter.api.Test;

/** The answers pushers get, byte for byte as research §4.2–4.3 says encoders need them. */
class PushResponsesTest {

    @Test
    void thePushSetupAnswerIsWmsLikeWithExactlyCasedHeaders() {
        String reply = new String(PushResponses.noContent("4124758405"), StandardCharsets.US_ASCII);
        assertThat(reply).isEqualTo("HTTP/1.1 204 No Content\r\n"
                + "Server: Cougar/9.01.01.3814 (asfcast)\r\n"
                + "Content-Length: 0\r\n"
                + "Pragma: no-cache, timeout=60000\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Set-Cookie: push-id=4124758405\r\n"
                + "Supported: com.microsoft.wm.srvppair, com.microsoft.wm.sswitch, com.microsoft.wm.predstrm,"
                + " com.microsoft.wm.fastcache, com.microsoft.wm.startupprofile\r\n"
                + "Connection: Keep-Alive\r\n\r\n");
        assertThat(PushResponses.SERVER).matches("Cougar/9\\.[0-9.]+ .*");
    }

    @Test
    void aRefusalCarriesItsSentenceAndItsChallengesInTheirOrder() {
        String reply = new String(PushResponses.refused(401, "Publishing needs a credential.",
                DigestChallenge.all(PushSettings.DEFAULT_DIGEST, "/live", "n0nce", false)), StandardCharsets.UTF_8);
        assertThat(reply).startsWith("HTTP/1.1 401 Unauthorized\r\nServer: Cougar/9.")
                .contains("\r\nWWW-Authenticate: Digest realm=\"/live\", qop=\"auth\", algorithm=SHA-256, nonce=\"n0nce\"\r\n"
                        + "WWW-Authenticate: Digest realm=\"/live\", qop=\"auth\", algorithm=MD5, nonce=\"n0nce\"\r\n"
                        + "WWW-Authenticate: Basic realm=\"/live\"\r\n")
                .contains("\r\nConnection: close\r\n")
                .endsWith("\r\n\r\nPublishing needs a credential.\n");
        assertThat(new String(PushResponses.refused(401, "Stale.", DigestChallenge.all(PushSettings.DEFAULT_DIGEST, "/a\"b", "n", true)),
                StandardCharsets.UTF_8)).contains("Digest realm=\"/a\\\"b\", qop=\"auth\", algorithm=MD5, nonce=\"n\", stale=true\r\n");
        assertThat(new String(PushResponses.refused(409, "Busy.", List.of()), StandardCharsets.UTF_8))
                .startsWith("HTTP/1.1 409 Conflict\r\n").doesNotContain("WWW-Authenticate");
        assertThat(new String(PushResponses.refused(422, "Not ASF.", List.of()), StandardCharsets.UTF_8))
                .startsWith("HTTP/1.1 422 Unprocessable Content\r\n");
    }
}
