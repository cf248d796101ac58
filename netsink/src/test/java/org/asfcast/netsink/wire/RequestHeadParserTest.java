package org.asfcast.netsink.wire;

import static org.asfcast.netsink.wire.CapturedRequests.bareLf;
import static org.asfcast.netsink.wire.CapturedRequests.bytes;
import static org.asfcast.netsink.wire.CapturedRequests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.asfcast.netsink.wire.HeadParseResult.Complete;
import org.asfcast.netsink.wire.HeadParseResult.NeedMore;
import org.asfcast.netsink.wire.HeadParseResult.Rejected;
import org.junit.jupiter.api.Test;

class RequestHeadParserTest {

    private static HeadParseResult feedAll(String request) {
        return new RequestHeadParser().feed(ByteBuffer.wrap(bytes(request)));
    }

    private static Rejected rejected(String request) {
        HeadParseResult result = feedAll(request);
        assertThat(result).isInstanceOf(Rejected.class);
        return (Rejected) result;
    }

    @Test
    void readsFfmpegDescribe() {
        byte[] request = bytes(CapturedRequests.FFMPEG_DESCRIBE);
        ByteBuffer input = ByteBuffer.wrap(request);
        HeadParseResult result = new RequestHeadParser().feed(input);

        assertThat(result).isInstanceOf(Complete.class);
        Complete complete = (Complete) result;
        assertThat(complete.consumed()).isEqualTo(request.length);
        assertThat(input.hasRemaining()).isFalse();
        RequestHead head = complete.head();
        assertThat(head.method()).isEqualTo("GET");
        assertThat(head.path()).isEqualTo("/live");
        assertThat(head.query()).isEmpty();
        assertThat(head.version()).isEqualTo("HTTP/1.1");
        assertThat(head.fields()).hasSize(8);
        assertThat(head.fields().get(0)).isEqualTo(new HeaderField("Range", "bytes=0-"));
        assertThat(head.userAgent()).isEqualTo("NSPlayer/4.1.0.3856");
        assertThat(head.first("host")).contains("127.0.0.1:8080");
        assertThat(head.first("ICY-METADATA")).contains("1");
        assertThat(head.all("pragma")).containsExactly(
                "no-cache,rate=1.000000,stream-time=0,stream-offset=0:0,request-context=1,max-duration=0",
                "xClientGUID={c77e7400-738a-11d2-9add-0020af0a3278}");
        assertThat(head.first("X-Missing")).isEmpty();
        assertThat(head.all("X-Missing")).isEmpty();
        assertThat(head.contentLength()).isEmpty();
    }

    @Test
    void ffmpegGluedLastLineIsJustAPragmaValue() {
        RequestHead head = parse(CapturedRequests.FFMPEG_PLAY);

        assertThat(head.all("Pragma")).hasSize(6)
                .endsWith("no-cache,rate=1.000000,stream-time=0Connection: Close");
        // The only Connection header is the one FFmpeg's http.c adds itself.
        assertThat(head.all("Connection")).containsExactly("close");
        assertThat(head.all("Pragma")).contains("stream-switch-entry=ffff:1:0 ffff:2:0");
    }

    @Test
    void vlcDescribeKeepsTheRawQuery() {
        RequestHead head = parse(CapturedRequests.VLC_DESCRIBE);

        assertThat(head.path()).isEqualTo("/live");
        assertThat(head.query()).isEqualTo("token=abc%20d");
        assertThat(head.version()).isEqualTo("HTTP/1.0");
        assertThat(head.userAgent()).isEqualTo("NSPlayer/7.10.0.3059");
    }

    @Test
    void readsEveryCapturedRequest() {
        assertThat(parse(CapturedRequests.VLC_PLAY_BROADCAST).all("Pragma")).hasSize(5);
        assertThat(parse(CapturedRequests.VLC_PLAY_SEEKABLE).all("Pragma")).hasSize(5);
        assertThat(parse(CapturedRequests.MPLAYER_DESCRIBE).all("Pragma")).hasSize(2);
        assertThat(parse(CapturedRequests.MPLAYER_PLAY).all("Pragma")).hasSize(5);
        RequestHead wmp = parse(CapturedRequests.WMP_PLAY);
        assertThat(wmp.all("Pragma")).hasSize(8);
        assertThat(wmp.first("Supported")).contains("com.microsoft.wm.srvppair, com.microsoft.wm.sswitch, "
                + "com.microsoft.wm.predstrm, com.microsoft.wm.startupprofile");
        RequestHead stop = parse(CapturedRequests.WMP_POST_STOP);
        assertThat(stop.method()).isEqualTo("POST");
        assertThat(stop.contentLength()).hasValue(0);
        RequestHead head = parse(CapturedRequests.CURL_HEAD);
        assertThat(head.method()).isEqualTo("HEAD");
        assertThat(head.userAgent()).isEqualTo("curl/8.5.0");
    }

    @Test
    void oneBytePiecesGiveTheSameHead() {
        for (String request : CapturedRequests.ALL) {
            byte[] data = bytes(request);
            RequestHeadParser parser = new RequestHeadParser();
            for (int i = 0; i < data.length - 1; i++) {
                assertThat(parser.feed(ByteBuffer.wrap(data, i, 1))).isInstanceOf(NeedMore.class);
            }
            HeadParseResult last = parser.feed(ByteBuffer.wrap(data, data.length - 1, 1));
            assertThat(last).isEqualTo(new Complete(parse(request), 1));
        }
    }

    @Test
    void bareLineFeedsGiveTheSameHead() {
        for (String request : CapturedRequests.ALL) {
            assertThat(parse(bareLf(request))).isEqualTo(parse(request));
        }
    }

    @Test
    void mixedLineEndingsAreAccepted() {
        RequestHead head = parse("GET /a HTTP/1.0\nUser-Agent: x\r\nAccept: */*\n\r\n");
        assertThat(head.fields()).containsExactly(new HeaderField("User-Agent", "x"), new HeaderField("Accept", "*/*"));
    }

    @Test
    void bodyBytesAfterTheHeadAreLeftInTheBuffer() {
        String head = "POST /live HTTP/1.0\r\nUser-Agent: NSPlayer/9.0\r\nContent-Length: 5\r\n\r\n";
        ByteBuffer input = ByteBuffer.wrap(bytes(head + "hello"));
        HeadParseResult result = new RequestHeadParser().feed(input);

        assertThat(result).isInstanceOf(Complete.class);
        assertThat(((Complete) result).consumed()).isEqualTo(head.length());
        assertThat(((Complete) result).head().contentLength()).hasValue(5);
        assertThat(input.remaining()).isEqualTo(5);
        assertThat(StandardCharsets.US_ASCII.decode(input).toString()).isEqualTo("hello");
    }

    @Test
    void consumedCountsOnlyTheLastPiece() {
        byte[] data = bytes(CapturedRequests.MPLAYER_DESCRIBE + "XYZ");
        RequestHeadParser parser = new RequestHeadParser();
        assertThat(parser.feed(ByteBuffer.wrap(data, 0, 20))).isInstanceOf(NeedMore.class);
        ByteBuffer rest = ByteBuffer.wrap(data, 20, data.length - 20);
        HeadParseResult result = parser.feed(rest);

        assertThat(result).isInstanceOf(Complete.class);
        assertThat(((Complete) result).consumed()).isEqualTo(data.length - 3 - 20);
        assertThat(rest.remaining()).isEqualTo(3);
    }

    @Test
    void aFinishedParserTakesNoMoreBytes() {
        RequestHeadParser parser = new RequestHeadParser();
        HeadParseResult first = parser.feed(ByteBuffer.wrap(bytes(CapturedRequests.CURL_HEAD)));
        ByteBuffer more = ByteBuffer.wrap(bytes("GET / HTTP/1.0\r\n\r\n"));
        HeadParseResult again = parser.feed(more);

        assertThat(again).isEqualTo(new Complete(((Complete) first).head(), 0));
        assertThat(more.position()).isZero();

        RequestHeadParser refused = new RequestHeadParser();
        HeadParseResult rejection = refused.feed(ByteBuffer.wrap(bytes("DELETE / HTTP/1.1\r\n")));
        assertThat(refused.feed(ByteBuffer.wrap(bytes(CapturedRequests.CURL_HEAD)))).isEqualTo(rejection);
    }

    @Test
    void emptyLinesBeforeTheRequestLineAreSkipped() {
        assertThat(parse("\r\n\n" + CapturedRequests.CURL_HEAD)).isEqualTo(parse(CapturedRequests.CURL_HEAD));
    }

    @Test
    void anOversizeHeadIsRefusedWith431() {
        String huge = "GET /live HTTP/1.1\r\nX-Filler: " + "a".repeat(17_000) + "\r\n\r\n";
        Rejected rejected = rejected(huge);
        assertThat(rejected.status()).isEqualTo(431);
        assertThat(rejected.reason()).isEqualTo("The request head is longer than 16384 bytes.");
    }

    @Test
    void theLimitCountsEveryByteOfTheHead() {
        String exact = "GET / HTTP/1.0\r\nX: " + "b".repeat(64 - 16 - 3 - 4) + "\r\n\r\n";
        assertThat(exact).hasSize(64);
        HeadParseResult fits = new RequestHeadParser(64).feed(ByteBuffer.wrap(bytes(exact)));
        assertThat(fits).isInstanceOf(Complete.class);

        String oneMore = "GET / HTTP/1.0\r\nX: " + "b".repeat(64 - 16 - 3 - 4 + 1) + "\r\n\r\n";
        ByteBuffer input = ByteBuffer.wrap(bytes(oneMore));
        HeadParseResult over = new RequestHeadParser(64).feed(input);
        assertThat(over).isEqualTo(new Rejected(431, "The request head is longer than 64 bytes."));
        assertThat(input.position()).isEqualTo(65);
    }

    @Test
    void anEndlessStreamWithoutNewlineStopsAtTheLimit() {
        RequestHeadParser parser = new RequestHeadParser(1024);
        ByteBuffer input = ByteBuffer.allocate(1 << 20);
        java.util.Arrays.fill(input.array(), (byte) 'a');
        HeadParseResult result = parser.feed(input);
        assertThat(result).isInstanceOf(Rejected.class);
        assertThat(((Rejected) result).status()).isEqualTo(431);
        assertThat(input.position()).isEqualTo(1025);
    }

    @Test
    void aHeaderLineWithoutColonIsRefusedWith400() {
        Rejected rejected = rejected("GET /live HTTP/1.0\r\nUser-Agent NSPlayer/4.1\r\n\r\n");
        assertThat(rejected).isEqualTo(new Rejected(400, "A header line has no ':' between name and value."));
    }

    @Test
    void otherMethodsAreRefusedWith405() {
        Rejected put = rejected("DELETE /live HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(put).isEqualTo(new Rejected(405,
                "The method DELETE is not supported here; use GET, HEAD or POST (or PUT to publish to a push point)."));
        assertThat(new String(ResponseHeads.rejection(put), StandardCharsets.UTF_8))
                .startsWith("HTTP/1.0 405 Method Not Allowed\r\n")
                .contains("\r\nAllow: GET, HEAD, POST\r\n");
        // Methods are case-sensitive: "get" is a different, unsupported method.
        assertThat(rejected("get / HTTP/1.0\r\n\r\n").status()).isEqualTo(405);
        assertThat(rejected("OPTIONS /live HTTP/1.1\r\n\r\n").status()).isEqualTo(405);
    }

    @Test
    void theMethodIsRefusedAsSoonAsTheRequestLineEnds() {
        // No blank line yet: the transport can answer and close without waiting.
        assertThat(rejected("DELETE /live HTTP/1.1\r\n").status()).isEqualTo(405);
    }

    @Test
    void malformedRequestLinesAreRefusedWith400() {
        assertThat(rejected("GET /live RTSP/1.0\r\n\r\n").status()).isEqualTo(400);
        assertThat(rejected("GET /live HTTP/2.0\r\n\r\n").status()).isEqualTo(400);
        assertThat(rejected("GET /live HTTP/1.10\r\n\r\n").status()).isEqualTo(400);
        assertThat(rejected("GET /live\r\n\r\n").reason())
                .isEqualTo("The request line is malformed; expected \"METHOD /path HTTP/1.x\".");
        assertThat(rejected("GET\r\n\r\n").status()).isEqualTo(400);
        assertThat(rejected(" GET /live HTTP/1.0\r\n\r\n").status()).isEqualTo(400);
        assertThat(rejected("GET /live HTTP/1.0 extra\r\n\r\n").status()).isEqualTo(400);
        assertThat(rejected("G(T /live HTTP/1.0\r\n\r\n").status()).isEqualTo(400);
        assertThat(rejected("GET live HTTP/1.0\r\n\r\n").status()).isEqualTo(400);
        assertThat(rejected("GET * HTTP/1.0\r\n\r\n").status()).isEqualTo(400);
    }

    @Test
    void theVersionIsQuotedSafelyInTheReason() {
        assertThat(rejected("GET /live SIP/2.0\r\n\r\n").reason())
                .isEqualTo("The request names version \"SIP/2.0\", but only HTTP/1.0 and HTTP/1.1 are spoken here.");
        assertThat(rejected("GET /live HTTP/\u00e9\"x\r\n\r\n").reason())
                .isEqualTo("The request names version \"HTTP/??x\", but only HTTP/1.0 and HTTP/1.1 are spoken here.");
    }

    @Test
    void controlBytesAreRefusedWith400() {
        assertThat(rejected("GET /live HTTP/1.0\r\nUser-Agent: a\u0000b\r\n\r\n"))
                .isEqualTo(new Rejected(400, "The request head contains the control byte 0x00."));
        assertThat(rejected("GET /live HTTP/1.0\r\nX: \u001b[31m\r\n\r\n").status()).isEqualTo(400);
        assertThat(rejected("GET /live HTTP/1.0\r\nX: a\u007f\r\n\r\n").status()).isEqualTo(400);
        assertThat(rejected("GET /live HTTP/1.0\r\nX: a\rb\r\n\r\n").reason())
                .isEqualTo("A line of the request head contains a carriage return that does not end it.");
    }

    @Test
    void tabsAndHighBytesInValuesAreKept() {
        RequestHead head = parse("GET /live HTTP/1.0\r\nX-Name:\tcaf\u00e9\t \r\n\r\n");
        assertThat(head.first("x-name")).contains("caf\u00e9");
    }

    @Test
    void badHeaderNamesAreRefusedWith400() {
        assertThat(rejected("GET /live HTTP/1.0\r\nUser-Agent : x\r\n\r\n").status()).isEqualTo(400);
        assertThat(rejected("GET /live HTTP/1.0\r\n: x\r\n\r\n").status()).isEqualTo(400);
        assertThat(rejected("GET /live HTTP/1.0\r\n x: y\r\n\r\n").reason())
                .isEqualTo("The first header line starts with white space.");
    }

    @Test
    void foldedLinesAreJoinedWithOneSpace() {
        RequestHead head = parse("GET /live HTTP/1.0\r\nPragma: no-cache,\r\n\t rate=1.0\r\nAccept: */*\r\n\r\n");
        assertThat(head.all("Pragma")).containsExactly("no-cache, rate=1.0");
        assertThat(head.fields()).hasSize(2);
    }

    @Test
    void moreThanAHundredHeaderLinesAreRefusedWith431() {
        // 850 repeated Content-Length lines once cost 4,000 plain heads (each compared with every earlier one).
        Rejected many = rejected("POST /live HTTP/1.0\r\n" + "Content-Length: 5\r\n".repeat(850) + "\r\n");
        assertThat(many).isEqualTo(new Rejected(431, "The request head has more than 100 header lines."));
        // Folded lines count too: 4,000 of them once rebuilt the value 4,000 times.
        assertThat(rejected("GET /live HTTP/1.0\r\nX: a\r\n" + " b\r\n".repeat(4000) + "\r\n").status())
                .isEqualTo(431);
        RequestHead hundred = parse("POST /live HTTP/1.0\r\n" + "Content-Length: 5\r\n".repeat(100) + "\r\n");
        assertThat(hundred.fields()).hasSize(100);
        assertThat(hundred.contentLength()).hasValue(5);
    }

    @Test
    void manyFoldedLinesMakeOneValueInOrder() {
        RequestHead head = parse("GET /live HTTP/1.0\r\nX: a\r\n" + " b\r\n".repeat(97) + "\tc\r\nAccept: */*\r\n\r\n");
        assertThat(head.first("X")).hasValue("a" + " b".repeat(97) + " c");
        assertThat(head.fields()).extracting(HeaderField::name).containsExactly("X", "Accept");
    }

    @Test
    void aFoldedContentLengthIsRefused() {
        // Found by fuzzing: the fold turned a checked "0" into "0 x", which a later Content-Length line
        // then failed to read as a number (a NumberFormatException out of feed).
        Rejected folded = rejected("POST /live HTTP/1.1\r\nContent-Length: 0\r\n x\r\nContent-Length: 0\r\n\r\n");
        assertThat(folded).isEqualTo(new Rejected(400, "The Content-Length header continues on a folded line."));
        assertThat(rejected("POST /live HTTP/1.1\r\nContent-Length: 7\r\n\t8\r\n\r\n").status()).isEqualTo(400);
    }

    @Test
    void contentLengthMustBeANumberAndAgree() {
        assertThat(rejected("POST /live HTTP/1.0\r\nContent-Length: 12a\r\n\r\n").reason())
                .isEqualTo("The Content-Length header is not a plain decimal number.");
        assertThat(rejected("POST /live HTTP/1.0\r\nContent-Length: -1\r\n\r\n").status()).isEqualTo(400);
        assertThat(rejected("POST /live HTTP/1.0\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n").reason())
                .isEqualTo("The request carries two different Content-Length values.");
        assertThat(parse("POST /live HTTP/1.0\r\nContent-Length: 5\r\ncontent-length: 05\r\n\r\n").contentLength())
                .hasValue(5);
    }

    @Test
    void thePathIsPercentDecodedAndTheQueryIsNot() {
        RequestHead head = parse("GET /my%20live/caf%C3%A9?a=%20b HTTP/1.1\r\n\r\n");
        assertThat(head.path()).isEqualTo("/my live/caf\u00e9");
        assertThat(head.query()).isEqualTo("a=%20b");
        assertThat(parse("GET /live? HTTP/1.1\r\n\r\n").query()).isEmpty();
        assertThat(parse("GET /live#frag HTTP/1.1\r\n\r\n").path()).isEqualTo("/live");
        assertThat(rejected("GET /bad%zz HTTP/1.1\r\n\r\n").reason())
                .isEqualTo("The request path has a '%' that is not followed by two hex digits.");
        assertThat(rejected("GET /bad% HTTP/1.1\r\n\r\n").status()).isEqualTo(400);
        assertThat(rejected("GET /nul%00 HTTP/1.1\r\n\r\n").reason())
                .isEqualTo("The request path contains a control character.");
    }

    @Test
    void anAbsoluteUrlTargetIsReducedToPathAndQuery() {
        RequestHead head = parse("GET http://127.0.0.1:8080/live?x=1 HTTP/1.0\r\n\r\n");
        assertThat(head.path()).isEqualTo("/live");
        assertThat(head.query()).isEqualTo("x=1");
        assertThat(parse("GET http://127.0.0.1:8080 HTTP/1.0\r\n\r\n").path()).isEqualTo("/");
        assertThat(parse("GET http://h?q HTTP/1.0\r\n\r\n").query()).isEqualTo("q");
    }

    @Test
    void multipleSpacesInTheRequestLineAreTolerated() {
        RequestHead head = parse("GET  /live   HTTP/1.0\r\n\r\n");
        assertThat(head.path()).isEqualTo("/live");
        assertThat(head.version()).isEqualTo("HTTP/1.0");
    }

    @Test
    void aPartialHeadNeedsMore() {
        assertThat(feedAll("GET /live HTTP/1.0\r\nHost: x\r\n")).isInstanceOf(NeedMore.class);
        assertThat(feedAll("")).isInstanceOf(NeedMore.class);
        assertThat(feedAll("\r\n\r\n\r\n")).isInstanceOf(NeedMore.class);
    }
}
