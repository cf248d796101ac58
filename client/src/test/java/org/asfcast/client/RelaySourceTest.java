package org.asfcast.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.asfcast.asf.DataPacket;
import org.asfcast.client.relay.RelayException;
import org.asfcast.client.relay.RelaySettings;
import org.asfcast.client.relay.RelaySource;
import org.asfcast.client.relay.RelayStatus;
import org.asfcast.client.relay.RelayUpstream;
import org.asfcast.writer.WriterSink;
import org.asfcast.writer.source.Backoff;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay source against canned origins: it asks as a distribution server, relays every packet
 * unpaced, continues one timeline when the origin comes back with the same header, hands the sinks
 * another header, and gives up after the grace with a sentence naming the URL.
 */
class RelaySourceTest {

    private static FixtureStream fixture;

    @BeforeAll
    static void loadFixture() throws Exception {
        fixture = FixtureStream.load();
    }

    /** A sink that records; real-time, as a server's point is (the relay must not pace for it). */
    private static final class Recording implements WriterSink {
        final List<byte[]> headers = new ArrayList<>();
        final List<byte[]> packets = new ArrayList<>();
        volatile boolean ended;

        @Override
        public synchronized void onHeader(ByteBuffer header) {
            byte[] b = new byte[header.remaining()];
            header.get(b);
            headers.add(b);
        }

        @Override
        public boolean isRealTime() {
            return true;
        }

        @Override
        public synchronized void onDataUnit(ByteBuffer unit) {
            byte[] b = new byte[unit.remaining()];
            unit.get(b);
            packets.add(b);
        }

        @Override
        public void onEndWriting() {
            ended = true;
        }

        synchronized int packetCount() {
            return packets.size();
        }

        synchronized List<byte[]> packets() {
            return List.copyOf(packets);
        }

        synchronized List<byte[]> headers() {
            return List.copyOf(headers);
        }
    }

    private static RelaySettings settings(URI uri, Duration grace) {
        return new RelaySettings(RelayUpstream.parse(uri.toString()), grace,
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofSeconds(30)),
                Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    /** An origin whose Play plays the whole fixture and ends; the header of the n-th play (from 0) is {@code headerOf(n)}. */
    private static CannedServer origin(java.util.function.IntFunction<byte[]> headerOf) throws Exception {
        AtomicInteger plays = new AtomicInteger();
        AtomicInteger describes = new AtomicInteger();
        return new CannedServer((request, out) -> {
            out.write(CannedServer.wmspHead());
            if (!request.contains("xPlayStrm=1")) {
                out.write(Frames.header(headerOf.apply(describes.getAndIncrement())));
                return;
            }
            List<byte[]> parts = new ArrayList<>();
            parts.add(Frames.header(headerOf.apply(plays.getAndIncrement())));
            for (int i = 0; i < fixture.packets().size(); i++) {
                parts.add(Frames.data(i + 1, 0, fixture.packets().get(i)));
            }
            parts.add(Frames.end(0));
            out.write(Frames.concat(parts.toArray(byte[][]::new)));
        });
    }

    private static CompletableFuture<Void> running(RelaySource relay, WriterSink sink) {
        return CompletableFuture.runAsync(() -> {
            try {
                relay.run(List.of(sink));
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void theOriginComingBackWithTheSameHeaderContinuesOneTimeline() throws Exception {
        int n = fixture.packets().size();
        Recording sink = new Recording();
        try (CannedServer server = origin(i -> fixture.headerBytes())) {
            RelaySource relay = new RelaySource(settings(server.uri("mmsh"), Duration.ofSeconds(5)), "/edge");
            CompletableFuture<Void> run = running(relay, sink);
            // The fixture lasts seconds; relayed unpaced, three plays of it take a moment.
            await(() -> sink.packetCount() >= 3 * n - 10, "three plays of the fixture relayed");
            relay.stop();
            run.get(10, TimeUnit.SECONDS);

            assertThat(sink.headers()).as("one header: the same one came back each time").hasSize(1);
            assertThat(relay.reconnects()).isGreaterThanOrEqualTo(2);
            RelayStatus status = relay.status();
            assertThat(status.state()).isEqualTo(RelayStatus.State.ENDED);
            assertThat(status.upstream()).isEqualTo(server.uri("mmsh").toString());
            assertThat(status.bytesIn()).isGreaterThanOrEqualTo((3L * n - 10) * 1000);
            assertThat(sink.ended).isTrue();
            long last = -1;
            for (byte[] p : sink.packets()) {
                assertThat(p).hasSize(1000);
                long sendTime = DataPacket.parse(p).sendTime();
                assertThat(sendTime).as("send times go on across the reconnects").isGreaterThanOrEqualTo(last);
                last = sendTime;
            }
            long firstPlay = DataPacket.parse(fixture.packets().get(n - 1)).sendTime();
            assertThat(last).as("the third play is placed after the first two").isGreaterThan(2 * firstPlay);

            String play = server.requests().stream().filter(r -> r.contains("xPlayStrm=1")).findFirst().orElseThrow();
            assertThat(play).contains("User-Agent: NSServer/4.1.0.3928\r\n", "Pragma: stream-switch-count=2\r\n",
                    "Pragma: stream-switch-entry=ffff:1:0 ffff:2:0 \r\n");
        }
    }

    @Test
    void anotherHeaderReachesTheSinks() throws Exception {
        byte[] other = fixture.headerBytes().clone();
        other[30 + 24] ^= 1; // another File ID: another broadcast
        Recording sink = new Recording();
        try (CannedServer server = origin(i -> i == 0 ? fixture.headerBytes() : other)) {
            RelaySource relay = new RelaySource(settings(server.uri("mmsh"), Duration.ofSeconds(5)), "/edge");
            CompletableFuture<Void> run = running(relay, sink);
            await(() -> sink.headers().size() >= 2, "the second header");
            relay.stop();
            run.get(10, TimeUnit.SECONDS);
            assertThat(sink.headers().get(0)).isNotEqualTo(sink.headers().get(1));
        }
    }

    @Test
    void anOriginThatNeverAnswersEndsTheBroadcastAfterTheGrace() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nobody listens there
        }
        URI uri = URI.create("mmsh://127.0.0.1:" + port + "/live");
        Recording sink = new Recording();
        RelaySource relay = new RelaySource(settings(uri, Duration.ofMillis(400)), "/edge");
        long start = System.nanoTime();
        assertThatThrownBy(() -> relay.run(List.of(sink))).isInstanceOf(RelayException.class)
                .hasMessageStartingWith("/edge: the relay of " + uri + " ends: the origin refused the connection")
                .hasMessageEndingWith("and it could not be played again for 400 ms");
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(took).as("ms until it gave up").isBetween(350L, 5_000L);
        assertThat(relay.reconnects()).isPositive();
        assertThat(sink.ended).isTrue();
        assertThat(relay.status().state()).isEqualTo(RelayStatus.State.ENDED);
    }

    @Test
    void stopEndsARelayWaitingForItsOrigin() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RelaySource relay = new RelaySource(settings(URI.create("mmsh://127.0.0.1:" + port + "/live"), Duration.ofMinutes(5)), "/edge");
        Recording sink = new Recording();
        CompletableFuture<Void> run = running(relay, sink);
        await(() -> relay.reconnects() >= 2, "two reconnects");
        assertThat(relay.status().state()).isEqualTo(RelayStatus.State.CONNECTING);
        relay.stop();
        run.get(5, TimeUnit.SECONDS);
        assertThat(sink.ended).isTrue();
    }
}
