package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.WrittenFiles;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.client.ReceivedPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's kick ends one player's stream, on a broadcast or an on-demand point, with
 * {@link DisconnectReason#KICKED}; the others play on. Disconnect drops every player of a point.
 */
class KickTest {

    @TempDir
    static Path folder;

    private final List<DisconnectReason> reasons = new CopyOnWriteArrayList<>();
    private final MmshClient client = MmshClient.create().withReadTimeout(Duration.ofSeconds(5));
    private StreamingServer server;
    private BroadcastPoint radio;
    private AutoCloseable feed;

    @BeforeAll
    static void clip() throws Exception {
        WrittenFiles.writeMjpegPcm(folder.resolve("clip.asf"), 10 * 25, 25, 160, 120, 2000);
    }

    /** A server with the clip broadcast at /radio and its folder on demand at /files, its ends recorded. */
    private void open() throws Exception {
        server = new StreamingServer(ServerSettings.defaults());
        server.addObserver(new ServerObserver() {
            @Override
            public void playerEnded(PlayerEvent event, DisconnectReason reason) {
                reasons.add(reason);
            }
        });
        radio = new BroadcastPoint("/radio", NetworkSinkConfig.builder().resolveNames(false).build().pointSettings());
        server.publish("/radio", radio);
        server.publish("/files", new ArchivePoint("/files", folder, ArchiveSettings.defaults()));
        feed = new FilePlayout(folder.resolve("clip.asf"), radio).start();
        server.open(0);
        Thread.sleep(300);
    }

    @AfterEach
    void close() throws Exception {
        feed.close();
        server.close();
    }

    /** Reads until the stream ends; true when it ended within the time. */
    private static boolean endsWithin(PlaySession s, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            for (Optional<ReceivedPacket> p; (p = s.nextPacket()).isPresent(); ) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
            }
        } catch (java.io.IOException | org.asfcast.client.StreamException cut) {
            // a reset counts as ended
        }
        return true;
    }

    @Test
    void aKickedBroadcastPlayerIsDroppedAndTheOtherPlaysOn() throws Exception {
        open();
        URI url = URI.create("mmsh://127.0.0.1:" + server.port() + "/radio");
        try (PlaySession kicked = client.play(url); PlaySession other = client.play(url)) {
            kicked.nextPacket().orElseThrow();
            other.nextPacket().orElseThrow();
            waitFor(() -> radio.clientCount() == 2);
            long id = radio.clients().get(0).id();
            assertThat(radio.kick(id)).isTrue();
            assertThat(endsWithin(kicked, Duration.ofSeconds(5))).as("the kicked player's stream ends").isTrue();
            waitFor(() -> radio.clientCount() == 1);
            assertThat(reasons).containsExactly(DisconnectReason.KICKED);
            assertThat(radio.clients()).extracting(ClientInfo::id).doesNotContain(id);
            assertThat(other.nextPacket()).as("the other plays on").isPresent();
            assertThat(radio.kick(id)).as("gone already").isFalse();
            assertThat(radio.kick(999_999)).isFalse();

            radio.disconnect();
            assertThat(endsWithin(other, Duration.ofSeconds(5))).isTrue();
            waitFor(() -> reasons.size() == 2);
            assertThat(reasons).containsExactly(DisconnectReason.KICKED, DisconnectReason.DISCONNECT);
        }
    }

    @Test
    void anOnDemandPlayerCanBeKickedAndDisconnected() throws Exception {
        open();
        PublishingPoint files = server.points().get("/files");
        URI url = URI.create("mmsh://127.0.0.1:" + server.port() + "/files/clip.asf");
        try (PlaySession kicked = client.play(url)) {
            kicked.nextPacket().orElseThrow();
            waitFor(() -> files.clientCount() == 1);
            assertThat(files.kick(files.clients().get(0).id())).isTrue();
            assertThat(endsWithin(kicked, Duration.ofSeconds(5))).isTrue();
            waitFor(() -> reasons.size() == 1);
            assertThat(reasons).containsExactly(DisconnectReason.KICKED);
        }
        try (PlaySession dropped = client.play(url)) {
            dropped.nextPacket().orElseThrow();
            waitFor(() -> files.clientCount() == 1);
            files.disconnect();
            assertThat(endsWithin(dropped, Duration.ofSeconds(5))).isTrue();
            waitFor(() -> reasons.size() == 2);
            assertThat(reasons).containsExactly(DisconnectReason.KICKED, DisconnectReason.DISCONNECT);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("within 5 s").isTrue();
    }
}
