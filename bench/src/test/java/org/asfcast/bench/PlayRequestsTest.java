package org.asfcast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.asfcast.netsink.wire.ClientProtocol;
import org.asfcast.netsink.wire.ClientRequest;
import org.asfcast.netsink.wire.HeadParseResult;
import org.asfcast.netsink.wire.RequestHeadParser;
import org.asfcast.netsink.wire.RequestKind;
import org.asfcast.netsink.wire.StartPosition;
import org.junit.jupiter.api.Test;

/** The server reads each request as the player it imitates: the same parser, the same start position. */
class PlayRequestsTest {

    private static final LoadTarget FILE = LoadTarget.of("mmsh://127.0.0.1:18080/archive/od07.wmv");

    private static ClientRequest asTheServerReadsIt(byte[] head) {
        HeadParseResult result = new RequestHeadParser(RequestHeadParser.DEFAULT_MAX_HEAD_BYTES).feed(ByteBuffer.wrap(head));
        assertThat(result).isInstanceOf(HeadParseResult.Complete.class);
        return ClientRequest.classify(((HeadParseResult.Complete) result).head());
    }

    @Test
    void anFfmpegPlayAsksForItsStartTimeTheWayTheServerReadsFfmpegsSeek() {
        ClientRequest request = asTheServerReadsIt(PlayRequests.ffmpegPlay(FILE, 7, 61_803));
        assertThat(request.protocol()).isEqualTo(ClientProtocol.MS_WMSP);
        assertThat(request.kind()).isEqualTo(RequestKind.WMSP_PLAY);
        assertThat(request.head().path()).isEqualTo("/archive/od07.wmv");
        assertThat(StartPosition.of(request.pragmas())).isEqualTo(new StartPosition.AtTime(61_803));
    }

    @Test
    void anFfmpegPlayFromZeroAndAVlcPlayStartAtTheBeginning() {
        assertThat(StartPosition.of(asTheServerReadsIt(PlayRequests.ffmpegPlay(FILE, 0, 0)).pragmas()))
                .isEqualTo(new StartPosition.Beginning());
        ClientRequest vlc = asTheServerReadsIt(PlayRequests.vlcPlay(LoadTarget.of("mmsh://127.0.0.1:18080/live"), 3));
        assertThat(vlc.kind()).isEqualTo(RequestKind.WMSP_PLAY);
        assertThat(StartPosition.of(vlc.pragmas())).isEqualTo(new StartPosition.Beginning());
    }

    @Test
    void aPlainGetIsNotAWindowsMediaRequest() {
        assertThat(asTheServerReadsIt(PlayRequests.plainGet(FILE)).protocol()).isEqualTo(ClientProtocol.PLAIN_HTTP);
    }
}
