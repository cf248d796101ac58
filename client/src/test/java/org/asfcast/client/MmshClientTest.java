package org.asfcast.client;

import static org.asfcast.client.Frames.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.DataPacket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MmshClientTest {
    private static FixtureStream fixture;
    private final MmshClient client = MmshClient.create().withReadTimeout(Duration.ofSeconds(5));

    @BeforeAll
    static void loadFixture() throws Exception {
        fixture = FixtureStream.load();
    }

    /** Describe gets the head and $H; Play gets the head and {@code playBody}. */
    private static CannedServer wmspServer(byte[] playBody) throws Exception {
        return new CannedServer((request, out) -> {
            out.write(CannedServer.wmspHead());
            out.write(request.contains("xPlayStrm=1") ? playBody : Frames.header(fixture.headerBytes()));
        });
    }

    private static List<ReceivedPacket> drain(PlaySession session) throws Exception {
        List<ReceivedPacket> packets = new ArrayList<>();
        Optional<ReceivedPacket> packet;
        while ((packet = session.nextPacket()).isPresent()) {
            packets.add(packet.get());
        }
        return packets;
    }

    private static List<String> lines(String request) {
        return Arrays.asList(request.split("\r\n"));
    }

    @Test
    void describeReadsTheHeaderAndTheResponsePragmas() throws Exception {
        try (CannedServer server = wmspServer(new byte[0])) {
            StreamDescription description = client.describe(server.uri("mmsh"));

            assertThat(description.status()).isEqualTo(200);
            assertThat(description.clientId()).hasValue(4242);
            assertThat(description.features()).contains("broadcast");
            assertThat(description.broadcast()).isTrue();
            assertThat(description.headerBytes()).isEqualTo(fixture.headerBytes());
            assertThat(description.packetSize()).isEqualTo(1000);
            assertThat(description.header().streams()).hasSize(2);
            assertThat(description.response().value("server")).contains("Cougar/4.1.0.3923");

            int port = server.uri("mmsh").getPort();
            assertThat(server.requests()).singleElement().satisfies(request -> {
                assertThat(lines(request)).startsWith("GET /live HTTP/1.0", "Host: 127.0.0.1:" + port, "Accept: */*",
                        "User-Agent: NSPlayer/7.10.0.3059",
                        "Pragma: no-cache,rate=1.000000,stream-time=0,stream-offset=0:0,request-context=1,max-duration=0");
                assertThat(lines(request).get(5)).matches("Pragma: xClientGUID=\\{babac001-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}");
                assertThat(lines(request)).endsWith("Connection: Close").doesNotContain("Pragma: xPlayStrm=1");
                assertThat(request).endsWith("\r\n\r\n");
            });
        }
    }

    @Test
    void playsEveryPacketUntilTheEndChunk() throws Exception {
        try (CannedServer server = wmspServer(fixture.framedPlay());
             PlaySession session = client.play(server.uri("mmsh"))) {
            List<ReceivedPacket> packets = drain(session);

            assertThat(packets).hasSameSizeAs(fixture.packets());
            for (int i = 0; i < packets.size(); i++) {
                assertThat(packets.get(i).bytes()).isEqualTo(fixture.packets().get(i));
                assertThat(packets.get(i).locationId()).isEqualTo(i + 1);
                assertThat(packets.get(i).afFlags()).isEqualTo(i & 0xFF);
            }
            assertThat(session.endReason()).contains(new StreamEnd(StreamEnd.Kind.END_CHUNK, 0));
            assertThat(session.endReason().get().normal()).isTrue();
            assertThat(session.nextPacket()).isEmpty();
            assertThat(session.header().packetSize()).isEqualTo(1000);
            assertThat(session.description()).isPresent();
            PlayCounters counters = session.counters();
            assertThat(counters.packets()).isEqualTo(packets.size());
            assertThat(counters.headerChunks()).isEqualTo(1);
            assertThat(counters.paddedPackets()).isZero();
            assertThat(counters.bodyBytes()).isEqualTo(fixture.framedPlay().length);

            List<String> describe = lines(server.requests().get(0));
            List<String> play = lines(server.requests().get(1));
            assertThat(play).startsWith("GET /live HTTP/1.0").contains(
                    "User-Agent: NSPlayer/7.10.0.3059",
                    "Pragma: no-cache,rate=1.000000,request-context=2",
                    "Pragma: xPlayStrm=1",
                    describe.get(5), // the same xClientGUID as the Describe
                    "Pragma: stream-switch-count=2",
                    "Pragma: stream-switch-entry=ffff:1:0 ffff:2:0 ",
                    "Connection: Close");
        }
    }

    @Test
    void sendsFfmpegsRequestsWhenAsked() throws Exception {
        try (CannedServer server = wmspServer(fixture.framedPlay());
             PlaySession session = client.withProfile(PlayerProfile.FFMPEG).play(server.uri("mmsh"))) {
            drain(session);
            int port = server.uri("mmsh").getPort();
            assertThat(lines(server.requests().get(0))).containsExactly("GET /live HTTP/1.1", "Range: bytes=0-",
                    "Icy-MetaData: 1", "Accept: */*", "User-Agent: NSPlayer/4.1.0.3856", "Host: 127.0.0.1:" + port,
                    "Pragma: no-cache,rate=1.000000,stream-time=0,stream-offset=0:0,request-context=1,max-duration=0",
                    "Pragma: xClientGUID={c77e7400-738a-11d2-9add-0020af0a3278}", "Connection: Close");
            assertThat(lines(server.requests().get(1))).containsExactly("GET /live HTTP/1.1", "Range: bytes=0-",
                    "Connection: close", "Icy-MetaData: 1", "Accept: */*", "User-Agent: NSPlayer/4.1.0.3856",
                    "Host: 127.0.0.1:" + port, "Pragma: no-cache,rate=1.000000,request-context=2",
                    "Pragma: xPlayStrm=1", "Pragma: xClientGUID={c77e7400-738a-11d2-9add-0020af0a3278}",
                    "Pragma: stream-switch-count=2", "Pragma: stream-switch-entry=ffff:1:0 ffff:2:0 ",
                    "Pragma: no-cache,rate=1.000000,stream-time=0Connection: Close");
        }
    }

    @Test
    void padsShortDataChunksToThePacketSize() throws Exception {
        List<byte[]> parts = new ArrayList<>();
        parts.add(Frames.header(fixture.headerBytes()));
        int stripped = 0;
        for (int i = 0; i < fixture.packets().size(); i++) {
            byte[] packet = fixture.packets().get(i);
            int padding = (int) DataPacket.parse(packet).paddingLength();
            stripped += padding > 0 ? 1 : 0;
            parts.add(Frames.data(i, 0, Arrays.copyOf(packet, packet.length - padding)));
        }
        parts.add(Frames.end(0));
        assertThat(stripped).as("fixture packets with padding").isPositive();

        try (CannedServer server = wmspServer(concat(parts.toArray(byte[][]::new)));
             PlaySession session = client.play(server.uri("mmsh"))) {
            List<ReceivedPacket> packets = drain(session);
            assertThat(packets).hasSameSizeAs(fixture.packets()).allSatisfy(p -> assertThat(p.bytes()).hasSize(1000));
            for (int i = 0; i < packets.size(); i++) {
                assertThat(packets.get(i).bytes()).isEqualTo(fixture.packets().get(i)); // the padding was zeros
                assertThat(packets.get(i).parse().payloads()).isNotEmpty();
            }
            assertThat(session.counters().paddedPackets()).isEqualTo(stripped);
            assertThat(packets.stream().filter(ReceivedPacket::padded).count()).isEqualTo(stripped);
        }
    }

    @Test
    void playsRawAsfOverPlainHttp() throws Exception {
        try (CannedServer server = new CannedServer((request, out) -> {
            out.write(CannedServer.head("HTTP/1.0 200 OK", "Content-Type: video/x-ms-asf", "Cache-Control: no-cache",
                    "Connection: close"));
            out.write(fixture.rawAsf());
        })) {
            URI uri = server.uri("http");
            StreamDescription description = client.describe(uri);
            assertThat(description.transport()).isEqualTo(Transport.PLAIN_HTTP);
            assertThat(description.headerBytes()).isEqualTo(fixture.headerBytes());

            try (PlaySession session = client.play(uri)) {
                List<ReceivedPacket> packets = drain(session);
                assertThat(packets).hasSameSizeAs(fixture.packets());
                for (int i = 0; i < packets.size(); i++) {
                    assertThat(packets.get(i).bytes()).isEqualTo(fixture.packets().get(i));
                    assertThat(packets.get(i).locationId()).isEqualTo(i);
                }
                assertThat(session.endReason()).contains(new StreamEnd(StreamEnd.Kind.CONNECTION_CLOSED, 0));
                assertThat(session.description()).isEmpty();
            }
            assertThat(server.requests()).hasSize(2).allSatisfy(request -> {
                assertThat(lines(request)).startsWith("GET /live HTTP/1.0")
                        .contains("User-Agent: " + MmshClient.DEFAULT_PLAIN_USER_AGENT);
                assertThat(request).doesNotContain("Pragma").doesNotContain("NSPlayer");
            });
        }
    }

    @Test
    void speaksWmspToHttpUrisWhenAsked() throws Exception {
        try (CannedServer server = wmspServer(fixture.framedPlay());
             PlaySession session = client.withWmspOverHttp(true).play(server.uri("http"))) {
            assertThat(drain(session)).hasSameSizeAs(fixture.packets());
            assertThat(server.requests().get(1)).contains("Pragma: xPlayStrm=1");
        }
    }

    @Test
    void reportsNotFoundWithStatusReasonAndBody() throws Exception {
        try (CannedServer server = new CannedServer((request, out) -> {
            out.write(CannedServer.head("HTTP/1.0 404 Not Found", "Content-Type: text/plain", "Content-Length: 27"));
            out.write("no such stream: /live\r\nmore".getBytes(StandardCharsets.US_ASCII));
        })) {
            assertThatThrownBy(() -> client.describe(server.uri("mmsh")))
                    .isInstanceOfSatisfying(HttpStatusException.class, e -> {
                        assertThat(e.status()).isEqualTo(404);
                        assertThat(e.reason()).isEqualTo("Not Found");
                        assertThat(e.bodyFirstLine()).isEqualTo("no such stream: /live");
                        assertThat(e.getMessage()).contains("404 Not Found: no such stream: /live");
                    });
        }
    }

    @Test
    void reportsServiceUnavailableOnPlay() throws Exception {
        try (CannedServer server = new CannedServer((request, out) -> {
            if (request.contains("xPlayStrm=1")) {
                out.write(CannedServer.head("HTTP/1.0 503 Service Unavailable", "Connection: close"));
            } else {
                out.write(CannedServer.wmspHead());
                out.write(Frames.header(fixture.headerBytes()));
            }
        })) {
            assertThatThrownBy(() -> client.play(server.uri("mmsh")))
                    .isInstanceOfSatisfying(HttpStatusException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.bodyFirstLine()).isEmpty();
                    });
        }
    }

    @Test
    void aSilentServerGivesAStallNotAHang() throws Exception {
        try (CannedServer server = new CannedServer((request, out) -> awaitForever())) {
            MmshClient impatient = client.withReadTimeout(Duration.ofMillis(300));
            assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                    assertThatThrownBy(() -> impatient.describe(server.uri("mmsh")))
                            .isInstanceOf(StreamStalledException.class)
                            .hasMessageContaining("sent nothing for 300 ms after 0 bytes"));
        }
    }

    @Test
    void aServerThatStallsMidStreamGivesAStall() throws Exception {
        byte[] firstPackets = concat(Frames.header(fixture.headerBytes()), Frames.data(1, 0, fixture.packets().get(0)));
        try (CannedServer server = new CannedServer((request, out) -> {
            out.write(CannedServer.wmspHead());
            if (!request.contains("xPlayStrm=1")) {
                out.write(Frames.header(fixture.headerBytes()));
                return;
            }
            out.write(firstPackets);
            out.flush();
            awaitForever();
        })) {
            MmshClient impatient = client.withReadTimeout(Duration.ofMillis(300));
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try (PlaySession session = impatient.play(server.uri("mmsh"))) {
                    assertThat(session.nextPacket()).isPresent();
                    assertThatThrownBy(session::nextPacket).isInstanceOfSatisfying(StreamStalledException.class,
                            e -> assertThat(e.offset()).isEqualTo(CannedServer.wmspHead().length + firstPackets.length));
                }
            });
        }
    }

    @Test
    void aServerThatAnswersNothingIsAProtocolError() throws Exception {
        try (CannedServer server = new CannedServer((request, out) -> { })) {
            assertThatThrownBy(() -> client.describe(server.uri("mmsh")))
                    .isInstanceOf(StreamProtocolException.class)
                    .hasMessageContaining("closed the connection without a response");
        }
    }

    @Test
    void followsVlcsServerRepeatedHeadersAndTwelveByteEnd() throws Exception {
        // what VLC 3's mmsh output really sends (see the report): $H with its running sequence as
        // LocationId, $D, a repeated $H whenever its input loops, and the muxer's 12-byte $E
        byte[] body = concat(Frames.dataShaped(0x24, 'H', 269, 0x0C, fixture.headerBytes().length + 8,
                        fixture.headerBytes().length + 8, fixture.headerBytes()),
                Frames.data(348, 0, fixture.packets().get(0)),
                Frames.header(fixture.headerBytes()),
                Frames.data(350, 0, fixture.packets().get(1)),
                Frames.dataShaped(0x24, 'M', 0, 0x0C, 10, 10, new byte[2]),
                Frames.muxerEnd(351));
        try (CannedServer server = wmspServer(body); PlaySession session = client.play(server.uri("mmsh"))) {
            List<ReceivedPacket> packets = drain(session);
            assertThat(packets).extracting(ReceivedPacket::locationId).containsExactly(348L, 350L);
            assertThat(session.endReason()).contains(new StreamEnd(StreamEnd.Kind.END_CHUNK, 351));
            assertThat(session.endReason().get().normal()).isFalse();
            assertThat(session.counters().headerChunks()).isEqualTo(2);
            assertThat(session.counters().otherChunks()).isEqualTo(1);
        }
    }

    @Test
    void adoptsTheNewHeaderAfterAStreamChange() throws Exception {
        byte[] changed = fixture.header().withFileProperties(fixture.header().fileProperties().withPacketSize(1200))
                .toBytes();
        byte[] changedHeader = concat(changed, Arrays.copyOfRange(fixture.headerBytes(),
                fixture.headerBytes().length - 50, fixture.headerBytes().length));
        byte[] body = concat(Frames.header(fixture.headerBytes()), Frames.data(1, 0, fixture.packets().get(0)),
                Frames.change(0), Frames.header(changedHeader), Frames.data(2, 0, fixture.packets().get(1)),
                Frames.end(0));
        try (CannedServer server = wmspServer(body); PlaySession session = client.play(server.uri("mmsh"))) {
            assertThat(session.nextPacket().get().bytes()).hasSize(1000);
            ReceivedPacket second = session.nextPacket().get();
            assertThat(second.bytes()).hasSize(1200);
            assertThat(second.padded()).isTrue();
            assertThat(session.header().packetSize()).isEqualTo(1200);
            assertThat(session.counters().streamChanges()).isEqualTo(1);
            assertThat(session.nextPacket()).isEmpty();
        }
    }

    @Test
    void keepsTheDescribeHeaderWhenThePlayHasNone() throws Exception {
        byte[] body = concat(Frames.data(5, 0, fixture.packets().get(0)), Frames.end(0));
        try (CannedServer server = wmspServer(body); PlaySession session = client.play(server.uri("mmsh"))) {
            assertThat(session.headerBytes()).isEqualTo(fixture.headerBytes());
            assertThat(drain(session)).singleElement().extracting(ReceivedPacket::locationId).isEqualTo(5L);
        }
    }

    @Test
    void aChunkCutOffByTheServerIsAProtocolError() throws Exception {
        byte[] whole = Frames.data(1, 0, fixture.packets().get(0));
        byte[] body = concat(Frames.header(fixture.headerBytes()), Arrays.copyOf(whole, 500));
        try (CannedServer server = wmspServer(body); PlaySession session = client.play(server.uri("mmsh"))) {
            assertThatThrownBy(session::nextPacket).isInstanceOf(StreamProtocolException.class)
                    .hasMessageContaining("ends inside the $D chunk");
        }
    }

    @Test
    void aDataChunkLargerThanThePacketSizeIsAProtocolError() throws Exception {
        byte[] body = concat(Frames.header(fixture.headerBytes()), Frames.data(1, 0, new byte[1001]));
        try (CannedServer server = wmspServer(body); PlaySession session = client.play(server.uri("mmsh"))) {
            assertThatThrownBy(session::nextPacket).isInstanceOf(StreamProtocolException.class)
                    .hasMessageContaining("1001 bytes, more than the header's packet size 1000");
        }
    }

    @Test
    void refusesChunkedTransferCoding() throws Exception {
        try (CannedServer server = new CannedServer((request, out) -> {
            out.write(CannedServer.head("HTTP/1.1 200 OK", "Transfer-Encoding: chunked"));
            out.write("5\r\nhello\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            assertThatThrownBy(() -> client.describe(server.uri("mmsh"))).isInstanceOf(StreamProtocolException.class)
                    .hasMessageContaining("chunked");
        }
    }

    @Test
    void aDescribeWithoutHeaderIsAProtocolError() throws Exception {
        try (CannedServer server = new CannedServer((request, out) -> {
            out.write(CannedServer.wmspHead());
            out.write(Frames.end(0));
        })) {
            assertThatThrownBy(() -> client.describe(server.uri("mmsh"))).isInstanceOf(StreamProtocolException.class)
                    .hasMessageContaining("has no $H chunk");
        }
    }

    private static void awaitForever() throws InterruptedException {
        Thread.sleep(30_000); // interrupted when the server closes
    }
}
