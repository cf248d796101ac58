package org.asfcast.netsink.wire;

import static org.asfcast.netsink.wire.CapturedRequests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.asfcast.netsink.wire.WmspPost.Purpose;
import org.junit.jupiter.api.Test;

class WmspPostTest {

    private static WmspPost of(String request) {
        RequestHead head = parse(request);
        return WmspPost.of(head, Pragmas.of(head));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void keepAliveInPauseIsAnsweredAsWmsAnswersItAndKeepsTheConnection() {
        WmspPost post = of(CapturedRequests.WMP_KEEPALIVE_IN_PAUSE);
        assertThat(post).isEqualTo(new WmspPost(Purpose.KEEP_ALIVE, true, 0, "HTTP/1.0"));
        assertThat(text(post.answer(4259367329L))).isEqualTo("HTTP/1.0 200 OK\r\n"
                + "Server: Cougar/4.1.0.3923\r\n"
                + "Content-Length: 0\r\n"
                + "Pragma: no-cache, timeout=60000\r\n"
                + "Pragma: client-id=4259367329\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Connection: Keep-Alive\r\n"
                + "\r\n");
    }

    @Test
    void aLogStatsPostGets204WithoutContentLengthAndItsBodyIsSkipped() {
        WmspPost post = of(CapturedRequests.WMP_LOG_STATS);
        assertThat(post.purpose()).isEqualTo(Purpose.LOG);
        assertThat(post.keepAlive()).as("HTTP/1.1 without Connection: close").isTrue();
        assertThat(post.bodyLength()).isEqualTo(CapturedRequests.LOG_STATS_BODY.length());
        assertThat(text(post.answer(2338761264L))).startsWith("HTTP/1.1 204 No Content\r\n")
                .doesNotContain("Content-Length").contains("Pragma: client-id=2338761264\r\n")
                .endsWith("Connection: Keep-Alive\r\n\r\n");
    }

    @Test
    void legacyLogLineStopAndSelectStream() {
        assertThat(of("POST /a HTTP/1.0\r\nUser-Agent: NSPlayer/9.0\r\nPragma: log-line=" + CapturedRequests.LOG_LINE
                + "\r\n\r\n").purpose()).isEqualTo(Purpose.LOG);
        WmspPost stop = of(CapturedRequests.WMP_POST_STOP);
        assertThat(stop).isEqualTo(new WmspPost(Purpose.STOP, true, 0, "HTTP/1.1"));
        assertThat(text(stop.answer(3735928559L))).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(of(CapturedRequests.WMP_SELECT_STREAM).purpose()).isEqualTo(Purpose.SELECT_STREAM);
        assertThat(of("POST /a HTTP/1.0\r\nContent-Length: 0\r\n\r\n").purpose()).isEqualTo(Purpose.OTHER);
    }

    @Test
    void theConnectionCloses_whenThePlayerAsksOrTheBodyHasNoLengthOrIsTooLong() {
        assertThat(of("POST /a HTTP/1.0\r\nContent-Length: 0\r\n\r\n").keepAlive()).as("HTTP/1.0 default").isFalse();
        assertThat(of("POST /a HTTP/1.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").keepAlive()).isFalse();
        assertThat(of("POST /a HTTP/1.1\r\nConnection: Keep-Alive\r\n\r\n").keepAlive())
                .as("no Content-Length: the body ends with the connection").isFalse();
        assertThat(of("POST /a HTTP/1.1\r\nContent-Length: " + (WmspPost.MAX_SKIPPED_BODY + 1) + "\r\n\r\n").keepAlive())
                .isFalse();
        assertThat(of("POST /a HTTP/1.1\r\nContent-Length: " + WmspPost.MAX_SKIPPED_BODY + "\r\n\r\n").keepAlive())
                .isTrue();
        WmspPost closing = of("POST /a HTTP/1.0\r\nPragma: xKeepAliveInPause=1\r\nContent-Length: 0\r\n\r\n");
        assertThat(text(closing.answer(1))).startsWith("HTTP/1.0 200 OK\r\n").endsWith("Connection: close\r\n\r\n");
    }
}
