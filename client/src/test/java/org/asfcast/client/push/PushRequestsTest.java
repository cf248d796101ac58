package org.asfcast.client.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.asfcast.writer.SdkError;
import org.asfcast.writer.SdkException;
import org.junit.jupiter.api.Test;

/** The request heads byte for byte against research §4.2 (MS-WMHTTP §4.8's exchange). */
class PushRequestsTest {

    private static final PushTarget MEDIA_SERVER = PushTarget.parse("http://MediaServer/pubPoint");
    private static final String ENCODER = "WMEncoder/11.0.5721.5145";

    @Test
    void pushSetupIsTheResearchExample() {
        // The research's example lists "Negotiate, NTLM, Digest"; asfcast answers Digest and Basic and says so.
        String expected = "POST /pubPoint HTTP/1.1\r\n"
                + "Content-Type: application/x-wms-pushsetup\r\n"
                + "X-Accept-Authentication: Digest, Basic\r\n"
                + "User-Agent: WMEncoder/11.0.5721.5145\r\n"
                + "Host: MediaServer\r\n"
                + "Content-Length: 16\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Cookie: push-id=0\r\n"
                + "\r\n"
                + "AutoDestroy: 1\r\n";
        assertThat(text(PushRequests.pushSetup(MEDIA_SERVER, ENCODER, "0", Optional.empty(), true, Optional.empty())))
                .isEqualTo(expected);
    }

    @Test
    void pushStartIsTheResearchExample() {
        String expected = "POST /pubPoint HTTP/1.1\r\n"
                + "Content-Type: application/x-wms-pushstart\r\n"
                + "User-Agent: WMEncoder/11.0.5721.5145\r\n"
                + "Host: MediaServer\r\n"
                + "Content-Length: 2147483647\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Cookie: push-id=4124758405\r\n"
                + "\r\n";
        assertThat(text(PushRequests.pushStart(MEDIA_SERVER, ENCODER, "4124758405", 2_147_483_647L, Optional.empty())))
                .isEqualTo(expected);
    }

    @Test
    void aTemplateComesBeforeAutoDestroyWhichIsAlwaysSent() {
        String setup = text(PushRequests.pushSetup(MEDIA_SERVER, ENCODER, "0", Optional.of("/x"), false, Optional.empty()));
        assertThat(setup).contains("Content-Length: 36\r\n").endsWith("\r\n\r\nTemplate-URL: \"/x\"\r\nAutoDestroy: 0\r\n");
    }

    @Test
    void theQueryStaysInTheRequestLineAndTheCredentialsBecomeBasic() {
        PushTarget target = PushTarget.parse("http://encoder:s%40cret@origin:8080/live?token=T");
        assertThat(target.credentials()).contains("encoder:s@cret");
        String basic = PushAuthorization.answering(List.of("Basic realm=\"x\""), target.credentials().orElseThrow())
                .orElseThrow().header("POST", target.requestTarget());
        String start = text(PushRequests.pushStart(target, ENCODER, "77", 2_147_483_647L, Optional.of(basic)));
        assertThat(start).startsWith("POST /live?token=T HTTP/1.1\r\n").contains("Host: origin:8080\r\n")
                .contains("Cookie: push-id=77\r\nAuthorization: Basic ZW5jb2RlcjpzQGNyZXQ=\r\n\r\n")
                .doesNotContain("s@cret").doesNotContain("Transfer-Encoding");
        assertThat(target.redacted()).isEqualTo("http://origin:8080/live?token=T");
    }

    @Test
    void urlsThatCannotBePushedToAreRefusedWithTheSdkCodes() {
        assertThat(PushTarget.parse("http://[::1]/p").hostHeader()).isEqualTo("[::1]");
        assertThat(PushTarget.parse("http://h").requestTarget()).isEqualTo("/");
        assertThat(PushTarget.parse("http://h").port()).isEqualTo(80);
        assertThatThrownBy(() -> PushTarget.parse(null)).isInstanceOfSatisfying(SdkException.class,
                e -> assertThat(e.error()).isEqualTo(SdkError.E_INVALIDARG));
        assertThatThrownBy(() -> PushTarget.parse("mmsh://h/p")).isInstanceOfSatisfying(SdkException.class,
                e -> assertThat(e.error()).isEqualTo(SdkError.E_INVALIDARG));
        assertThatThrownBy(() -> PushTarget.parse("http:///p")).isInstanceOfSatisfying(SdkException.class,
                e -> assertThat(e.error()).isEqualTo(SdkError.NS_E_INVALID_NAME));
        assertThatThrownBy(() -> PushTarget.parse("http://bad host/p")).isInstanceOfSatisfying(SdkException.class,
                e -> assertThat(e.error()).isEqualTo(SdkError.E_INVALIDARG));
    }

    private static String text(byte[] request) {
        return new String(request, StandardCharsets.ISO_8859_1);
    }
}
