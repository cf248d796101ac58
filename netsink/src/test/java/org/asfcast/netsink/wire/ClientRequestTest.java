package org.asfcast.netsink.wire;

import static org.asfcast.netsink.wire.CapturedRequests.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientRequestTest {

    private static ClientRequest classify(String request) {
        return ClientRequest.classify(parse(request));
    }

    @Test
    void describesAndPlaysFromEveryPlayer() {
        assertThat(classify(CapturedRequests.FFMPEG_DESCRIBE).kind()).isEqualTo(RequestKind.WMSP_DESCRIBE);
        assertThat(classify(CapturedRequests.FFMPEG_PLAY).kind()).isEqualTo(RequestKind.WMSP_PLAY);
        assertThat(classify(CapturedRequests.VLC_DESCRIBE).kind()).isEqualTo(RequestKind.WMSP_DESCRIBE);
        assertThat(classify(CapturedRequests.VLC_PLAY_BROADCAST).kind()).isEqualTo(RequestKind.WMSP_PLAY);
        assertThat(classify(CapturedRequests.VLC_PLAY_SEEKABLE).kind()).isEqualTo(RequestKind.WMSP_PLAY);
        assertThat(classify(CapturedRequests.MPLAYER_DESCRIBE).kind()).isEqualTo(RequestKind.WMSP_DESCRIBE);
        assertThat(classify(CapturedRequests.MPLAYER_PLAY).kind()).isEqualTo(RequestKind.WMSP_PLAY);
        assertThat(classify(CapturedRequests.WMP_DESCRIBE).kind()).isEqualTo(RequestKind.WMSP_DESCRIBE);
        assertThat(classify(CapturedRequests.WMP_PLAY).kind()).isEqualTo(RequestKind.WMSP_PLAY);
    }

    @Test
    void wmspRequestCarriesItsUserAgentAndPragmas() {
        ClientRequest request = classify(CapturedRequests.WMP_PLAY);
        assertThat(request.protocol()).isEqualTo(ClientProtocol.MS_WMSP);
        assertThat(request.userAgent()).isEqualTo("NSPlayer/12.00.7601.17514");
        assertThat(request.pragmas().clientId()).hasValue(3735928559L);
        assertThat(request.head().path()).isEqualTo("/live");
    }

    @Test
    void postsAndHeads() {
        ClientRequest stop = classify(CapturedRequests.WMP_POST_STOP);
        assertThat(stop.kind()).isEqualTo(RequestKind.POST);
        assertThat(stop.protocol()).isEqualTo(ClientProtocol.MS_WMSP);
        assertThat(stop.pragmas().isStop()).isTrue();
        assertThat(classify(CapturedRequests.WMP_POST_LOG).pragmas().hasLogLine()).isTrue();

        ClientRequest head = classify(CapturedRequests.CURL_HEAD);
        assertThat(head.kind()).isEqualTo(RequestKind.HEAD);
        assertThat(head.protocol()).isEqualTo(ClientProtocol.PLAIN_HTTP);
    }

    @Test
    void otherUserAgentsGetPlainHttp() {
        ClientRequest ffmpeg = classify(CapturedRequests.FFMPEG_HTTP);
        assertThat(ffmpeg.protocol()).isEqualTo(ClientProtocol.PLAIN_HTTP);
        assertThat(ffmpeg.kind()).isEqualTo(RequestKind.HTTP_GET);
        assertThat(ffmpeg.userAgent()).isEqualTo("Lavf/60.16.100");

        // xPlayStrm means nothing to a non-WMSP client: it still gets raw ASF.
        ClientRequest odd = classify("GET /live HTTP/1.0\r\nUser-Agent: VLC/3.0.20 LibVLC/3.0.20\r\n"
                + "Pragma: xPlayStrm=1\r\n\r\n");
        assertThat(odd.kind()).isEqualTo(RequestKind.HTTP_GET);

        ClientRequest anonymous = classify("GET /live HTTP/1.0\r\n\r\n");
        assertThat(anonymous.protocol()).isEqualTo(ClientProtocol.PLAIN_HTTP);
        assertThat(anonymous.userAgent()).isEmpty();
    }

    @Test
    void protocolByUserAgentPrefixIgnoringCase() {
        assertThat(ClientRequest.protocolOf("NSPlayer/4.1.0.3856")).isEqualTo(ClientProtocol.MS_WMSP);
        assertThat(ClientRequest.protocolOf("nsplayer/7.0")).isEqualTo(ClientProtocol.MS_WMSP);
        assertThat(ClientRequest.protocolOf("NSServer/9.0; via WMCacheProxy")).isEqualTo(ClientProtocol.MS_WMSP);
        assertThat(ClientRequest.protocolOf("MPlayer 1.5")).isEqualTo(ClientProtocol.PLAIN_HTTP);
        assertThat(ClientRequest.protocolOf("Mozilla/5.0 NSPlayer")).isEqualTo(ClientProtocol.PLAIN_HTTP);
        assertThat(ClientRequest.protocolOf("WMCacheProxy/9.0")).isEqualTo(ClientProtocol.PLAIN_HTTP);
        assertThat(ClientRequest.protocolOf("")).isEqualTo(ClientProtocol.PLAIN_HTTP);
    }

    @Test
    void aStreamSwitchEntryWithoutXPlayStrmIsStillADescribe() {
        ClientRequest request = classify("GET /live HTTP/1.0\r\nUser-Agent: NSPlayer/9.0\r\n"
                + "Pragma: stream-switch-entry=ffff:1:0\r\n\r\n");
        assertThat(request.kind()).isEqualTo(RequestKind.WMSP_DESCRIBE);
    }

    @Test
    void unsupportedMethodsCannotBeClassified() {
        RequestHead put = new RequestHead("PUT", "/live", "", "HTTP/1.1", List.of());
        assertThatThrownBy(() -> ClientRequest.classify(put)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PUT");
    }
}
