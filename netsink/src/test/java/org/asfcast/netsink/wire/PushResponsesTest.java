package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
    void aRefusalCarriesItsSentenceAndABasicChallengeWhenAsked() {
        String reply = new String(PushResponses.refused(401, "Publishing needs a credential.", Optional.of("/live")),
                StandardCharsets.UTF_8);
        assertThat(reply).startsWith("HTTP/1.1 401 Unauthorized\r\nServer: Cougar/9.")
                .contains("\r\nWWW-Authenticate: Basic realm=\"/live\"\r\n").contains("\r\nConnection: close\r\n")
                .endsWith("\r\n\r\nPublishing needs a credential.\n");
        assertThat(new String(PushResponses.refused(409, "Busy.", Optional.empty()), StandardCharsets.UTF_8))
                .startsWith("HTTP/1.1 409 Conflict\r\n").doesNotContain("WWW-Authenticate");
        assertThat(new String(PushResponses.refused(422, "Not ASF.", Optional.empty()), StandardCharsets.UTF_8))
                .startsWith("HTTP/1.1 422 Unprocessable Content\r\n");
    }
}
