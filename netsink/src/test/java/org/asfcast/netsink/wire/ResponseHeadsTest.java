package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Response heads compared byte for byte with research §2.5, §2.6 and §5. */
class ResponseHeadsTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void describe() {
        assertThat(text(ResponseHeads.describe(5012, 1_234_567_890L))).isEqualTo("HTTP/1.0 200 OK\r\n"
                + "Server: Cougar/4.1.0.3923\r\n"
                + "Content-Type: application/vnd.ms.wms-hdr.asfv1\r\n"
                + "Content-Length: 5012\r\n"
                + "Pragma: no-cache\r\n"
                + "Pragma: client-id=1234567890\r\n"
                + "Pragma: features=\"broadcast\"\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Connection: close\r\n"
                + "\r\n");
    }

    @Test
    void onDemandAnswersSaySeekableNotBroadcast() {
        assertThat(text(ResponseHeads.describeOnDemand(5012, 7))).isEqualTo("HTTP/1.0 200 OK\r\n"
                + "Server: Cougar/4.1.0.3923\r\n"
                + "Content-Type: application/vnd.ms.wms-hdr.asfv1\r\n"
                + "Content-Length: 5012\r\n"
                + "Pragma: no-cache\r\n"
                + "Pragma: client-id=7\r\n"
                + "Pragma: features=\"seekable\"\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Connection: close\r\n"
                + "\r\n");
        assertThat(text(ResponseHeads.playOnDemand(7))).isEqualTo(text(ResponseHeads.play(7))
                .replace("features=\"broadcast\"", "features=\"seekable\""));
        assertThatThrownBy(() -> ResponseHeads.describeOnDemand(0, 7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void play() {
        assertThat(text(ResponseHeads.play(4_294_967_295L))).isEqualTo("HTTP/1.0 200 OK\r\n"
                + "Server: Cougar/4.1.0.3923\r\n"
                + "Content-Type: application/x-mms-framed\r\n"
                + "Pragma: no-cache\r\n"
                + "Pragma: client-id=4294967295\r\n"
                + "Pragma: features=\"broadcast\"\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Connection: close\r\n"
                + "\r\n");
    }

    @Test
    void plainStream() {
        assertThat(text(ResponseHeads.plainStream())).isEqualTo("HTTP/1.0 200 OK\r\n"
                + "Server: Cougar/4.1.0.3923\r\n"
                + "Content-Type: video/x-ms-asf\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Connection: close\r\n"
                + "\r\n");
    }

    @Test
    void head() {
        assertThat(text(ResponseHeads.head(ClientProtocol.MS_WMSP, 7))).isEqualTo("HTTP/1.0 200 OK\r\n"
                + "Server: Cougar/4.1.0.3923\r\n"
                + "Content-Type: application/vnd.ms.wms-hdr.asfv1\r\n"
                + "Pragma: no-cache\r\n"
                + "Pragma: client-id=7\r\n"
                + "Pragma: features=\"broadcast\"\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Connection: close\r\n"
                + "\r\n");
        assertThat(ResponseHeads.head(ClientProtocol.PLAIN_HTTP, 7)).isEqualTo(ResponseHeads.plainStream());
    }

    @Test
    void serviceUnavailableWithRetryAfter() {
        assertThat(text(ResponseHeads.error(503, "The server already has 5 clients; try again later.",
                OptionalInt.of(10)))).isEqualTo("HTTP/1.0 503 Service Unavailable\r\n"
                + "Server: Cougar/4.1.0.3923\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: 51\r\n"
                + "Retry-After: 10\r\n"
                + "Connection: close\r\n"
                + "\r\n"
                + "The server already has 5 clients; try again later.\n");
    }

    @Test
    void notFound() {
        assertThat(text(ResponseHeads.error(404, "No stream is published at /foo.", OptionalInt.empty())))
                .isEqualTo("HTTP/1.0 404 Not Found\r\n"
                        + "Server: Cougar/4.1.0.3923\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Length: 32\r\n"
                        + "Connection: close\r\n"
                        + "\r\n"
                        + "No stream is published at /foo.\n");
    }

    @Test
    void methodNotAllowedCarriesAllow() {
        assertThat(text(ResponseHeads.methodNotAllowed("Use GET."))).isEqualTo("HTTP/1.0 405 Method Not Allowed\r\n"
                + "Server: Cougar/4.1.0.3923\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: 9\r\n"
                + "Allow: GET, HEAD, POST\r\n"
                + "Connection: close\r\n"
                + "\r\n"
                + "Use GET.\n");
    }

    @Test
    void rejectionsBecomeErrors() {
        String response = text(ResponseHeads.rejection(
                new HeadParseResult.Rejected(431, "The request head is longer than 16384 bytes.")));
        assertThat(response).startsWith("HTTP/1.0 431 Request Header Fields Too Large\r\n")
                .endsWith("\r\n\r\nThe request head is longer than 16384 bytes.\n")
                .contains("Content-Length: 45\r\n")
                .doesNotContain("Allow:");
    }

    @Test
    void contentLengthCountsUtf8Bytes() {
        byte[] response = ResponseHeads.error(503, "Zu viele Clients \u2013 bitte warten.", OptionalInt.empty());
        String text = text(response);
        int bodyStart = text.indexOf("\r\n\r\n") + 4;
        byte[] body = text.substring(bodyStart).getBytes(StandardCharsets.UTF_8);
        assertThat(body).hasSize(35);
        assertThat(text).contains("Content-Length: 35\r\n");
    }

    @Test
    void everyHeadSuitsVlcAndMplayer() {
        List<byte[]> heads = List.of(ResponseHeads.describe(100, 1), ResponseHeads.play(2), ResponseHeads.plainStream(),
                ResponseHeads.head(ClientProtocol.MS_WMSP, 3),
                ResponseHeads.error(400, "x", OptionalInt.empty()), ResponseHeads.methodNotAllowed("y"),
                ResponseHeads.error(503, "z", OptionalInt.of(1)));
        for (byte[] bytes : heads) {
            String text = new String(bytes, StandardCharsets.US_ASCII);
            String head = text.substring(0, text.indexOf("\r\n\r\n"));
            String[] lines = head.split("\r\n", -1);
            // VLC: starts with "HTTP/1." and reads the code with atoi(&line[9]).
            assertThat(lines[0]).matches("HTTP/1\\.0 [1-5][0-9]{2} [A-Za-z ]+");
            assertThat(lines[0].charAt(8)).isEqualTo(' ');
            for (int i = 1; i < lines.length; i++) {
                assertThat(lines[i]).contains(": ");
            }
            assertThat(head).contains("\r\nConnection: close").doesNotContainIgnoringCase("chunked");
            for (byte b : bytes) {
                assertThat(b & 0xFF).isLessThan(0x80);
            }
        }
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> ResponseHeads.play(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResponseHeads.play(1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResponseHeads.describe(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResponseHeads.error(200, "ok", OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResponseHeads.error(503, "busy", OptionalInt.of(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reasonPhrases() {
        assertThat(ResponseHeads.reasonPhrase(400)).isEqualTo("Bad Request");
        assertThat(ResponseHeads.reasonPhrase(431)).isEqualTo("Request Header Fields Too Large");
        assertThat(ResponseHeads.reasonPhrase(499)).isEqualTo("Client Error");
        assertThat(ResponseHeads.reasonPhrase(599)).isEqualTo("Server Error");
    }
}
