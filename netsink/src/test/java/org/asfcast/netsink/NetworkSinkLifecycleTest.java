package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.AsfReader;
import org.asfcast.client.HttpStatusException;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.client.ReceivedPacket;
import org.asfcast.client.StreamEnd;
import org.asfcast.netsink.wire.ClientProtocol;
import org.asfcast.writer.SdkError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK lifecycle (open, hostUrl, disconnect, close), the client limit, and client events. */
class NetworkSinkLifecycleTest {

    @TempDir
    static Path dir;
    static Path media;

    private final MmshClient client = MmshClient.create().withReadTimeout(Duration.ofSeconds(5));

    @BeforeAll
    static void media() throws Exception {
        media = LiveBroadcast.mjpegFile(dir, 6);
    }

    @Test
    void openBindsAtOnceAndRejectsMisuseWithSdkCodes() throws Exception {
        NetworkSink sink = new NetworkSink();
        assertThat(sink.maximumClients()).isEqualTo(5);
        assertThat(sink.networkProtocol()).isEqualTo(NetworkProtocol.HTTP);
        assertThatThrownBy(sink::hostUrl).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(sink::close).isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((InvalidRequestException) e).error()).isEqualTo(SdkError.NS_E_INVALID_REQUEST);
        assertThatThrownBy(() -> sink.setMaximumClients(-1)).isInstanceOf(InvalidRequestException.class);

        int port = sink.open(0);
        try {
            assertThat(port).isPositive();
            assertThat(sink.hostUrl()).startsWith("http://").endsWith(":" + port + "/");
            // Listening before any header: a request gets 503 with Retry-After and a sentence.
            String reply = RawRequest.send(port, "GET / HTTP/1.0\r\nUser-Agent: NSPlayer/4.1.0.3856\r\n\r\n");
            assertThat(reply).startsWith("HTTP/1.0 503 ").contains("Retry-After: 5").contains("not started yet");
            assertThatThrownBy(() -> sink.open(0)).isInstanceOf(InvalidRequestException.class);

            NetworkSink second = new NetworkSink();
            assertThatThrownBy(() -> second.open(port)).isInstanceOf(NetworkResourceException.class)
                    .hasMessageContaining("port " + port)
                    .extracting(e -> ((NetworkResourceException) e).error())
                    .isEqualTo(SdkError.NS_E_NETWORK_RESOURCE_FAILURE);
            assertThat(second.isOpen()).isFalse();
        } finally {
            sink.close();
        }
        // The port is free again at once.
        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        // And the sink can open again.
        int reopened = sink.open(0);
        assertThat(reopened).isPositive();
        sink.close();
    }

    @Test
    void eventsArriveInOrderWithTheClientsData() throws Exception {
        try (LiveBroadcast live = LiveBroadcast.start(media, NetworkSinkConfig.defaults())) {
            RecordingListener events = new RecordingListener();
            live.sink.addListener(events);
            try (PlaySession play = client.play(live.mmsh())) {
                read(play, 20);
                List<ClientInfo> clients = live.sink.clients();
                assertThat(clients).hasSize(1);
                ClientInfo info = clients.get(0);
                assertThat(info.address().getHostAddress()).isEqualTo("127.0.0.1");
                assertThat(info.userAgent()).startsWith("NSPlayer/");
                assertThat(info.protocol()).isEqualTo(ClientProtocol.MS_WMSP);
                assertThat(info.bytesSent()).isGreaterThan(20 * 3200);
            }
            List<RecordingListener.Event> ends = events.await(e -> e.kind().equals("disconnected"), 1, Duration.ofSeconds(5));
            assertThat(ends.get(0).reason()).isEqualTo(DisconnectReason.CLIENT_LEFT);

            try (PlaySession plain = client.play(live.http())) {
                read(plain, 5);
            }
            events.await(e -> e.kind().equals("disconnected"), 2, Duration.ofSeconds(5));
            List<RecordingListener.Event> all = events.events();
            // Per client: connected first, disconnected last, properties changes only between.
            for (long id : all.stream().map(e -> e.client().id()).distinct().toList()) {
                List<String> kinds = all.stream().filter(e -> e.client().id() == id).map(RecordingListener.Event::kind).toList();
                assertThat(kinds.get(0)).isEqualTo("connected");
                assertThat(kinds.get(kinds.size() - 1)).isEqualTo("disconnected");
                assertThat(kinds.subList(1, kinds.size() - 1)).allMatch("changed"::equals);
            }
            assertThat(all.stream().filter(e -> e.kind().equals("connected")).map(e -> e.client().protocol()))
                    .containsExactly(ClientProtocol.MS_WMSP, ClientProtocol.PLAIN_HTTP);
        }
    }

    @Test
    void theSixthPlayerGets503ByDefault() throws Exception {
        try (LiveBroadcast live = LiveBroadcast.start(media, NetworkSinkConfig.defaults())) {
            List<PlaySession> players = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    PlaySession p = client.play(i % 2 == 0 ? live.mmsh() : live.http());
                    read(p, 1);
                    players.add(p);
                }
                assertThatThrownBy(() -> client.play(live.mmsh())).isInstanceOf(HttpStatusException.class)
                        .extracting(e -> ((HttpStatusException) e).status()).isEqualTo(503);
                assertThatThrownBy(() -> client.play(live.http())).isInstanceOf(HttpStatusException.class)
                        .extracting(e -> ((HttpStatusException) e).status()).isEqualTo(503);
                // The five keep playing.
                for (PlaySession p : players) {
                    read(p, 3);
                }
                // A slot frees up when one leaves.
                players.remove(0).close();
                awaitClients(live.sink, 4);
                PlaySession sixth = client.play(live.mmsh());
                players.add(sixth);
                read(sixth, 3);
            } finally {
                for (PlaySession p : players) {
                    p.close();
                }
            }
        }
    }

    @Test
    void disconnectDropsEveryoneAndKeepsListening() throws Exception {
        NetworkSinkConfig config = NetworkSinkConfig.builder().maximumClients(20).build();
        try (LiveBroadcast live = LiveBroadcast.start(media, config)) {
            RecordingListener events = new RecordingListener();
            live.sink.addListener(events);
            List<PlaySession> players = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                PlaySession p = client.play(i % 2 == 0 ? live.mmsh() : live.http());
                read(p, 2);
                players.add(p);
            }
            live.sink.disconnect();
            assertThat(live.sink.clientCount()).isZero();
            for (PlaySession p : players) {
                // Each stream ends promptly: whatever was in flight, then the close.
                assertThat(drain(p)).isLessThan(1000);
                p.close();
            }
            assertThat(events.await(e -> e.kind().equals("disconnected"), 6, Duration.ofSeconds(5)))
                    .allMatch(e -> e.reason() == DisconnectReason.DISCONNECT);
            try (PlaySession again = client.play(live.mmsh())) {
                read(again, 10);
            }
        }
    }

    @Test
    void endOfWritingSendsEndChunkThenRefusesWith503() throws Exception {
        try (LiveBroadcast live = LiveBroadcast.start(media, NetworkSinkConfig.defaults())) {
            RecordingListener events = new RecordingListener();
            live.sink.addListener(events);
            try (PlaySession wmsp = client.play(live.mmsh()); PlaySession plain = client.play(live.http())) {
                read(wmsp, 5);
                read(plain, 5);
                live.playout.endWriting();
                drain(wmsp);
                drain(plain);
                assertThat(wmsp.endReason()).hasValueSatisfying(end -> {
                    assertThat(end.kind()).isEqualTo(StreamEnd.Kind.END_CHUNK);
                    assertThat(end.normal()).isTrue();
                });
                assertThat(plain.endReason()).hasValueSatisfying(end ->
                        assertThat(end.kind()).isEqualTo(StreamEnd.Kind.CONNECTION_CLOSED));
            }
            assertThat(events.await(e -> e.kind().equals("disconnected"), 2, Duration.ofSeconds(5)))
                    .allMatch(e -> e.reason() == DisconnectReason.END_OF_STREAM);
            String reply = RawRequest.send(live.port, "GET / HTTP/1.0\r\nUser-Agent: NSPlayer/4.1.0.3856\r\n\r\n");
            assertThat(reply).startsWith("HTTP/1.0 503 ").contains("Retry-After:").contains("ended");

            // A new header starts a new broadcast on the same port.
            try (AsfReader reader = AsfReader.open(media)) {
                byte[] header = reader.headerBytes();
                live.sink.onHeader(ByteBuffer.wrap(header));
                Optional<byte[]> packet = reader.nextPacketBytes();
                live.sink.onDataUnit(ByteBuffer.wrap(packet.orElseThrow()));
            }
            assertThat(client.describe(live.mmsh()).status()).isEqualTo(200);
        }
    }

    @Test
    void aDifferentHeaderEndsConnectedStreamsAndTheSameHeaderChangesNothing() throws Exception {
        Path other = LiveBroadcast.mjpegFile(dir, 3); // another file: another File ID, so other header bytes
        try (LiveBroadcast live = LiveBroadcast.start(media, NetworkSinkConfig.defaults())) {
            RecordingListener events = new RecordingListener();
            live.sink.addListener(events);
            byte[] first = client.describe(live.mmsh()).headerBytes();
            try (PlaySession play = client.play(live.mmsh())) {
                read(play, 5);
                try (AsfReader reader = AsfReader.open(media)) {
                    live.sink.onHeader(ByteBuffer.wrap(reader.headerBytes()));
                }
                read(play, 30); // the same header again: nothing happens
                byte[] newHeader;
                try (AsfReader reader = AsfReader.open(other)) {
                    newHeader = reader.headerBytes();
                }
                live.sink.onHeader(ByteBuffer.wrap(newHeader));
                drain(play);
                assertThat(play.endReason()).hasValueSatisfying(end -> assertThat(end.kind()).isEqualTo(StreamEnd.Kind.END_CHUNK));
            }
            assertThat(events.await(e -> e.kind().equals("disconnected"), 1, Duration.ofSeconds(5)).get(0).reason())
                    .isEqualTo(DisconnectReason.END_OF_STREAM);
            byte[] second = client.describe(live.mmsh()).headerBytes();
            assertThat(second).isNotEqualTo(first);
            try (AsfReader reader = AsfReader.open(other)) {
                assertThat(second).isEqualTo(org.asfcast.asf.LiveProfile.streamStart(reader.header()));
            }
        }
    }

    @Test
    void listensOnIpv6TooAndLooksUpClientNames() throws Exception {
        try (LiveBroadcast live = LiveBroadcast.start(media, NetworkSinkConfig.defaults())) {
            RecordingListener events = new RecordingListener();
            live.sink.addListener(events);
            try (PlaySession play = client.play(java.net.URI.create("mmsh://[::1]:" + live.port + "/"))) {
                read(play, 5);
                assertThat(live.sink.clients().get(0).address().getHostAddress()).isIn("0:0:0:0:0:0:0:1", "::1");
            }
            try (PlaySession play = client.play(live.mmsh())) {
                read(play, 5);
                // 127.0.0.1 has a name (localhost); it arrives as a properties change.
                RecordingListener.Event changed = events.await(e -> e.kind().equals("changed")
                        && e.client().address().getHostAddress().equals("127.0.0.1"), 1, Duration.ofSeconds(10)).get(0);
                assertThat(changed.client().dnsName()).isPresent();
                assertThat(live.sink.clients().stream().filter(c -> c.id() == changed.client().id()).findFirst()
                        .orElseThrow().dnsName()).isEqualTo(changed.client().dnsName());
            }
        }
    }

    @Test
    void badDataUnitsAndHeadersGetClearErrors() throws Exception {
        NetworkSink sink = new NetworkSink();
        assertThatThrownBy(() -> sink.onDataUnit(ByteBuffer.allocate(3200))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before onHeader");
        assertThatThrownBy(() -> sink.onHeader(ByteBuffer.wrap(new byte[100])))
                .isInstanceOf(IllegalArgumentException.class);
        try (AsfReader reader = AsfReader.open(media)) {
            sink.onHeader(ByteBuffer.wrap(reader.headerBytes()));
        }
        assertThatThrownBy(() -> sink.onDataUnit(ByteBuffer.allocate(100))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3200");
        assertThatThrownBy(() -> sink.onDataUnit(ByteBuffer.wrap(Files.readAllBytes(media), 0, 3200)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid ASF data packet");
    }

    static void read(PlaySession session, int packets) throws Exception {
        for (int i = 0; i < packets; i++) {
            Optional<ReceivedPacket> p = session.nextPacket();
            assertThat(p).as("packet %d of %d", i, packets).isPresent();
            assertThat(p.get().bytes()).hasSize(3200);
        }
    }

    /** Reads until the stream ends; returns how many packets came. */
    static int drain(PlaySession session) throws Exception {
        int n = 0;
        try {
            while (session.nextPacket().isPresent()) {
                n++;
            }
        } catch (java.io.IOException e) {
            // a reset is an end too
        }
        return n;
    }

    static void awaitClients(NetworkSink sink, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (sink.clientCount() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " clients, have " + sink.clientCount());
            }
            Thread.sleep(10);
        }
    }
}
