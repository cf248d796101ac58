package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.asfcast.asf.WrittenFiles;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.netsink.wire.ClientProtocol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One walk of a point's players counts every one of them and makes records for the first few
 * only, in order of arrival, on a broadcast and an on-demand point alike.
 */
class PlayerWalkTest {

    @TempDir
    static Path folder;

    @BeforeAll
    static void clip() throws Exception {
        WrittenFiles.writeMjpegPcm(folder.resolve("clip.asf"), 10 * 25, 25, 160, 120, 2000);
    }

    @Test
    void everyPlayerIsCountedAndTheFirstOnesListed() throws Exception {
        MmshClient client = MmshClient.create().withReadTimeout(Duration.ofSeconds(5));
        StreamingServer server = new StreamingServer(ServerSettings.defaults());
        BroadcastPoint radio = new BroadcastPoint("/radio",
                NetworkSinkConfig.builder().resolveNames(false).build().pointSettings());
        ArchivePoint files = new ArchivePoint("/files", folder, ArchiveSettings.defaults());
        server.publish("/radio", radio);
        server.publish("/files", files);
        List<PlaySession> players = new ArrayList<>();
        try (AutoCloseable feed = new FilePlayout(folder.resolve("clip.asf"), radio).start()) {
            server.open(0);
            Thread.sleep(300);
            for (int i = 0; i < 5; i++) {
                players.add(client.play(URI.create((i < 3 ? "mmsh" : "http") + "://127.0.0.1:" + server.port() + "/radio")));
                players.get(i).nextPacket().orElseThrow();
            }
            players.add(client.play(URI.create("mmsh://127.0.0.1:" + server.port() + "/files/clip.asf")));
            players.get(5).nextPacket().orElseThrow();
            waitFor(() -> radio.clientCount() == 5 && files.clientCount() == 1);

            List<ClientInfo> all = radio.clients();
            Walked walked = new Walked();
            List<ClientInfo> first = radio.clients(2, walked);
            assertThat(first).extracting(ClientInfo::id).containsExactly(all.get(0).id(), all.get(1).id());
            assertThat(walked.players).isEqualTo(5);
            assertThat(walked.byProtocol).containsExactly(3, 2);
            assertThat(walked.bytes.get()).as("what the walk counts is what the records say, give or take a pass")
                    .isGreaterThanOrEqualTo(all.stream().mapToLong(ClientInfo::bytesSent).sum());

            Walked none = new Walked();
            assertThat(radio.clients(0, none)).isEmpty();
            assertThat(none.players).isEqualTo(5);
            assertThat(radio.clients(99, new Walked())).hasSize(5);

            Walked onDemand = new Walked();
            assertThat(files.clients(0, onDemand)).isEmpty();
            assertThat(onDemand.players).isEqualTo(1);
            assertThat(files.clients(1, new Walked())).extracting(ClientInfo::id).containsExactly(files.clients().get(0).id());
        } finally {
            for (PlaySession p : players) {
                p.close();
            }
            server.close();
        }
    }

    /** What a walk counted. */
    private static final class Walked implements PlayerCounter {
        int players;
        final int[] counted = new int[ClientProtocol.values().length];
        final List<Integer> byProtocol = new ArrayList<>();
        final AtomicLong bytes = new AtomicLong();

        @Override
        public void count(ClientProtocol protocol, long bytesSent, long packetsSkipped) {
            players++;
            counted[protocol.ordinal()]++;
            byProtocol.clear();
            byProtocol.add(counted[ClientProtocol.MS_WMSP.ordinal()]);
            byProtocol.add(counted[ClientProtocol.PLAIN_HTTP.ordinal()]);
            bytes.addAndGet(bytesSent);
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
