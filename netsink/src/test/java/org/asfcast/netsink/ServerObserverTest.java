package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.WrittenFiles;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's observers see every player's stream start and end, with what it asked and what it
 * took, on broadcast and on-demand points alike, and every refusal with its status and sentence.
 */
class ServerObserverTest {

    @TempDir
    static Path dir;
    static Path file;

    private StreamingServer server;
    private FilePlayout playout;
    private final Seen seen = new Seen();
    private final MmshClient client = MmshClient.create().withReadTimeout(Duration.ofSeconds(5));

    @BeforeAll
    static void media() throws Exception {
        file = dir.resolve("clip.asf");
        WrittenFiles.writeMjpegPcm(file, 10 * 25, 25, 160, 120, 2000);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (playout != null) {
            playout.close();
        }
        if (server != null && server.isOpen()) {
            server.close();
        }
    }

    static final class Seen implements ServerObserver {
        final List<PlayerEvent> started = new CopyOnWriteArrayList<>();
        final List<PlayerEvent> ended = new CopyOnWriteArrayList<>();
        final List<DisconnectReason> reasons = new CopyOnWriteArrayList<>();
        final List<Refusal> refused = new CopyOnWriteArrayList<>();

        @Override
        public void playerStarted(PlayerEvent event) {
            started.add(event);
        }

        @Override
        public void playerEnded(PlayerEvent event, DisconnectReason reason) {
            ended.add(event);
            reasons.add(reason);
        }

        @Override
        public void refused(Refusal refusal) {
            refused.add(refusal);
        }
    }

    private void open() throws Exception {
        server = new StreamingServer(ServerSettings.defaults());
        server.addObserver(seen);
        BroadcastPoint radio = new BroadcastPoint("/radio",
                NetworkSinkConfig.builder().maximumClients(1).resolveNames(false).build().pointSettings());
        server.publish("/radio", radio);
        server.publish("/files", new ArchivePoint("/files", dir, ArchiveSettings.defaults()));
        playout = new FilePlayout(file, radio).start();
        server.open(0);
        Thread.sleep(300);
    }

    @Test
    void aBroadcastPlayerIsSeenStartingAndEndingWithWhatItTook() throws Exception {
        open();
        long taken = 0;
        try (PlaySession s = client.play(URI.create("mmsh://127.0.0.1:" + server.port() + "/radio?token=abc"))) {
            for (int i = 0; i < 10; i++) {
                taken += s.nextPacket().orElseThrow().bytes().length;
            }
        }
        waitFor(() -> seen.ended.size() == 1);
        PlayerEvent start = seen.started.get(0);
        assertThat(start.point()).isEqualTo("/radio");
        assertThat(start.onDemand()).isFalse();
        assertThat(start.request().uri()).isEqualTo("/radio?token=abc");
        assertThat(start.client().userAgent()).startsWith("NSPlayer");
        assertThat(start.joinTime()).isLessThan(Duration.ofSeconds(2));
        PlayerEvent end = seen.ended.get(0);
        assertThat(end.client().id()).isEqualTo(start.client().id());
        assertThat(end.client().bytesSent()).isGreaterThan(taken);
        assertThat(seen.reasons).containsExactly(DisconnectReason.CLIENT_LEFT);
    }

    @Test
    void anOnDemandPlayerIsSeenToo() throws Exception {
        open();
        try (PlaySession s = client.play(URI.create("mmsh://127.0.0.1:" + server.port() + "/files/clip.asf"))) {
            s.nextPacket().orElseThrow();
            waitFor(() -> server.points().get("/files").clients().size() == 1);
            assertThat(server.points().get("/files").clients().get(0).bytesSent()).isPositive();
        }
        waitFor(() -> seen.ended.size() == 1);
        assertThat(seen.started).singleElement().satisfies(e -> {
            assertThat(e.point()).isEqualTo("/files");
            assertThat(e.onDemand()).isTrue();
            assertThat(e.request().uri()).isEqualTo("/files/clip.asf");
        });
    }

    @Test
    void aPlainHttpDownloadIsAnOnDemandPlayerWithEveryByteItWasSent() throws Exception {
        open();
        String reply = RawRequest.send(server.port(), "GET /files/clip.asf HTTP/1.0\r\nUser-Agent: curl/8.0\r\n\r\n".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1), 1 << 24);
        assertThat(reply).startsWith("HTTP/1.0 200");
        waitFor(() -> seen.ended.size() == 1);
        PlayerEvent end = seen.ended.get(0);
        assertThat(seen.started).singleElement().satisfies(e -> assertThat(e.client().id()).isEqualTo(end.client().id()));
        assertThat(end.onDemand()).isTrue();
        assertThat(end.point()).isEqualTo("/files");
        assertThat(end.request().uri()).isEqualTo("/files/clip.asf");
        assertThat(end.client().protocol()).isEqualTo(org.asfcast.netsink.wire.ClientProtocol.PLAIN_HTTP);
        assertThat(end.client().userAgent()).isEqualTo("curl/8.0");
        assertThat(end.client().bytesSent()).as("the head and the whole file").isEqualTo(reply.length());
        assertThat(seen.reasons).containsExactly(DisconnectReason.END_OF_STREAM);
    }

    @Test
    void packetsSentAreCountedOnBothKindsOfPoint() throws Exception {
        open();
        try (PlaySession s = client.play(URI.create("mmsh://127.0.0.1:" + server.port() + "/radio"))) {
            for (int i = 0; i < 5; i++) {
                s.nextPacket().orElseThrow();
            }
        }
        try (PlaySession s = client.play(URI.create("mmsh://127.0.0.1:" + server.port() + "/files/clip.asf"))) {
            for (int i = 0; i < 5; i++) {
                s.nextPacket().orElseThrow();
            }
        }
        waitFor(() -> seen.ended.size() == 2);
        assertThat(seen.ended).allSatisfy(e -> assertThat(e.packetsSent()).isGreaterThanOrEqualTo(5));
        assertThat(seen.ended).allSatisfy(e -> assertThat(e.startMillis()).isZero());
    }

    @Test
    void anOnDemandPlayerThatSeeksStartsWhereItAsked() throws Exception {
        open();
        RawRequest.send(server.port(), "GET /files/clip.asf HTTP/1.0\r\nUser-Agent: NSPlayer/9.0\r\nPragma: xPlayStrm=1\r\n"
                + "Pragma: stream-time=6000\r\n\r\n");
        waitFor(() -> seen.ended.size() == 1);
        assertThat(seen.ended.get(0).startMillis()).as("about 6 s into the file").isBetween(5000L, 6500L);
    }

    @Test
    void everyRefusalIsSeenWithItsStatusAndSentence() throws Exception {
        open();
        try (PlaySession first = client.play(URI.create("mmsh://127.0.0.1:" + server.port() + "/radio"))) {
            first.nextPacket().orElseThrow();
            String full = RawRequest.send(server.port(), "GET /radio HTTP/1.0\r\nUser-Agent: NSPlayer/9.0\r\n"
                    + "Pragma: xPlayStrm=1\r\n\r\n");
            assertThat(full).startsWith("HTTP/1.0 503");
        }
        RawRequest.send(server.port(), "GET /nowhere HTTP/1.0\r\nUser-Agent: VLC/3.0\r\n\r\n");
        RawRequest.send(server.port(), "GET /files/none.asf HTTP/1.0\r\nUser-Agent: NSPlayer/9.0\r\n\r\n");
        RawRequest.send(server.port(), "\u0001\u0000\u0000\u0000\u00ce\u00fa\u000b\u00b0 MMS over TCP\r\n\r\n");
        waitFor(() -> seen.refused.size() == 4);
        assertThat(seen.refused).extracting(Refusal::status).containsExactly(503, 404, 404, 400);
        assertThat(seen.refused.get(0).point()).isEqualTo("/radio");
        assertThat(seen.refused.get(0).sentence()).contains("maximum of 1");
        assertThat(seen.refused.get(1).point()).isEmpty();
        assertThat(seen.refused.get(1).uri()).isEqualTo("/nowhere");
        assertThat(seen.refused.get(1).userAgent()).isEqualTo("VLC/3.0");
        assertThat(seen.refused.get(2).point()).isEqualTo("/files");
        assertThat(seen.refused.get(3).uri()).isEmpty();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("within 5 s").isTrue();
    }
}
