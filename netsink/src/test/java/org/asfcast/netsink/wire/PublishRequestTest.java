package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Which requests are a publisher's, as the research's captures and FFmpeg send them. */
class PublishRequestTest {

    /** The PushSetup of [MS-WMHTTP] §4.8, as research §4.2 shows it. */
    static final String PUSH_SETUP = "POST /pubPoint HTTP/1.1\r\n"
            + "Content-Type: application/x-wms-pushsetup\r\n"
            + "X-Accept-Authentication: Negotiate, NTLM, Digest\r\n"
            + "User-Agent: WMEncoder/11.0.5721.5145\r\n"
            + "Host: MediaServer\r\n"
            + "Content-Length: 16\r\n"
            + "Cache-Control: no-cache\r\n"
            + "Cookie: push-id=0\r\n\r\n";
    static final String PUSH_START = "POST /pubPoint HTTP/1.1\r\n"
            + "Content-Type: application/x-wms-pushstart\r\n"
            + "User-Agent: WMEncoder/11.0.5721.5145\r\n"
            + "Host: MediaServer\r\n"
            + "Content-Length: 2147483647\r\n"
            + "Cache-Control: no-cache\r\n"
            + "Cookie: push-id=4124758405\r\n\r\n";

    static RequestHead head(String text) {
        HeadParseResult r = new RequestHeadParser().feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
        return ((HeadParseResult.Complete) r).head();
    }

    @Test
    void thePushSetupAndPushStartOfTheResearch() {
        PublishRequest setup = PublishRequest.of(head(PUSH_SETUP)).orElseThrow();
        assertThat(setup).isEqualTo(new PublishRequest(PublishRequest.Kind.PUSH_SETUP, Optional.empty(), OptionalLong.of(16), false));
        PublishRequest start = PublishRequest.of(head(PUSH_START)).orElseThrow();
        assertThat(start.kind()).isEqualTo(PublishRequest.Kind.PUSH_START);
        assertThat(start.pushId()).hasValue("4124758405");
        assertThat(start.contentLength()).hasValue(2147483647L);
        assertThat(start.framingProblem(head(PUSH_START))).isEmpty();
    }

    @Test
    void ffmpegsChunkedPutIsARawBody() {
        RequestHead put = head("PUT /live?token=T HTTP/1.1\r\nTransfer-Encoding: chunked\r\nUser-Agent: Lavf/61.7.100\r\n"
                + "Accept: */*\r\nHost: 127.0.0.1:8080\r\nIcy-MetaData: 1\r\n\r\n");
        PublishRequest r = PublishRequest.of(put).orElseThrow();
        assertThat(r).isEqualTo(new PublishRequest(PublishRequest.Kind.ASF_BODY, Optional.empty(), OptionalLong.empty(), true));
        assertThat(r.framingProblem(put)).isEmpty();
    }

    @Test
    void aPlayersRequestsAreNotAPublishers() {
        assertThat(PublishRequest.of(head("GET /live HTTP/1.0\r\nUser-Agent: NSPlayer/7.0\r\n\r\n"))).isEmpty();
        assertThat(PublishRequest.of(head("POST /live HTTP/1.1\r\nUser-Agent: NSPlayer/9.0\r\n"
                + "Content-Type: application/x-wms-Logstats\r\nContent-Length: 0\r\n\r\n"))).isEmpty();
        // A POST from any other agent is a plain publisher's.
        assertThat(PublishRequest.of(head("POST /live HTTP/1.1\r\nUser-Agent: curl/8\r\nContent-Length: 5\r\n\r\n")))
                .hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(PublishRequest.Kind.ASF_BODY));
    }

    @Test
    void bodiesThatCannotBeReadAreNamed() {
        RequestHead none = head("PUT /live HTTP/1.1\r\n\r\n");
        assertThat(PublishRequest.of(none).orElseThrow().framingProblem(none))
                .hasValue(new PublishRequest.Problem(411, "Publishing needs a Content-Length or a chunked body."));
        RequestHead both = head("PUT /live HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n");
        assertThat(PublishRequest.of(both).orElseThrow().framingProblem(both)).hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(400));
        RequestHead gzip = head("PUT /live HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
        assertThat(PublishRequest.of(gzip).orElseThrow().framingProblem(gzip)).hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(501));
        RequestHead chunkedStart = head(PUSH_START.replace("Content-Length: 2147483647", "Transfer-Encoding: chunked"));
        assertThat(PublishRequest.of(chunkedStart).orElseThrow().framingProblem(chunkedStart))
                .hasValue(new PublishRequest.Problem(400, "A PushStart is never chunked; declare its Content-Length."));
    }

    @Test
    void theCookiesPushIdIsFoundAmongOthers() {
        assertThat(PublishRequest.pushId(head("POST / HTTP/1.1\r\nCookie: a=b; push-id=77x; c=d\r\n\r\n"))).hasValue("77x");
        assertThat(PublishRequest.pushId(head("POST / HTTP/1.1\r\nCookie: push-id=0\r\n\r\n"))).isEmpty();
        assertThat(PublishRequest.pushId(head("POST / HTTP/1.1\r\n\r\n"))).isEmpty();
    }
}
