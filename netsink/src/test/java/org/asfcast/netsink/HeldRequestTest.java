package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.asfcast.asf.WrittenFiles;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A point with a start wait holds a request that finds no broadcast (Describe, Play, plain GET)
 * and answers it as soon as the header arrives; past the wait it gets 503 with a sentence; a held
 * player that leaves is forgotten; held players count against the limits; and the point tells its
 * owner once per period without a broadcast that a player wants it.
 */
class HeldRequestTest {

    @TempDir
    static Path dir;
    static Path media;

    private final List<FilePlayout> playouts = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private StreamingServer server;
    private final MmshClient client = MmshClient.create().withReadTimeout(Duration.ofSeconds(20));

    @BeforeAll
    static void media() throws Exception {
        media = dir.resolve("small.asf");
        WrittenFiles.writeMjpegPcm(media, 20 * 25, 25, 160, 120, 2000);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        for (FilePlayout p : playouts) {
            p.close();
        }
        if (server != null && server.isOpen()) {
            server.close();
        }
    }

    private static PointSettings waiting(int players, Duration wait) {
        return NetworkSinkConfig.builder().maximumClients(players).resolveNames(false).build().pointSettings()
                .withStartWait(wait);
    }

    private BroadcastPoint publish(String path, PointSettings settings) {
        BroadcastPoint point = new BroadcastPoint(path, settings);
        server.publish(path, point);
        return point;
    }

    /** A server with one point, open. */
    private BroadcastPoint serveOne(String path, PointSettings settings) {
        server = new StreamingServer(ServerSettings.defaults());
        BroadcastPoint point = publish(path, settings);
        server.open(0);
        return point;
    }

    private static String playRequest(String path) {
        return "GET " + path + " HTTP/1.0\r\nUser-Agent: NSPlayer/7.1\r\nPragma: xPlayStrm=1\r\n\r\n";
    }

    private static String describeRequest(String path) {
        return "GET " + path + " HTTP/1.0\r\nUser-Agent: NSPlayer/7.1\r\n\r\n";
    }

    private FilePlayout feed(BroadcastPoint point) throws Exception {
        FilePlayout playout = new FilePlayout(media, point).start();
        playouts.add(playout);
        return playout;
    }

    private URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.port() + path);
    }

    @Test
    void heldRequestsOfBothProtocolsPlayAsSoonAsTheHeaderArrives() throws Exception {
        BroadcastPoint point = serveOne("/live", waiting(5, Duration.ofSeconds(10)));
        AtomicInteger demands = new AtomicInteger();
        point.onDemand(demands::incrementAndGet);

        CompletableFuture<PlaySession> mmsh = CompletableFuture.supplyAsync(() -> play(client, uri("mmsh", "/live")));
        CompletableFuture<PlaySession> http = CompletableFuture.supplyAsync(
                () -> play(client.withWmspOverHttp(false), uri("http", "/live")));
        // The mmsh player's Describe and the plain GET wait; nothing is answered yet.
        awaitTrue(() -> point.waitingRequests() == 2, "two requests held");
        Thread.sleep(300);
        assertThat(mmsh).isNotDone();
        assertThat(http).isNotDone();
        assertThat(point.isLive()).isFalse();
        assertThat(demands).hasValue(1); // once for the period, not once per request

        long started = System.nanoTime();
        feed(point);
        try (PlaySession a = mmsh.get(10, TimeUnit.SECONDS); PlaySession b = http.get(10, TimeUnit.SECONDS)) {
            long answeredMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(answeredMs).as("held players answered within 3 s of the header (took %d ms)", answeredMs)
                    .isLessThan(3000);
            assertThat(a.header().packetSize()).isEqualTo(2000);
            assertThat(b.header().packetSize()).isEqualTo(2000);
            for (int i = 0; i < 20; i++) {
                assertThat(a.nextPacket()).isPresent();
                assertThat(b.nextPacket()).isPresent();
            }
            assertThat(point.clientCount()).isEqualTo(2);
            assertThat(point.waitingRequests()).isZero();
        }
        assertThat(demands).hasValue(1);
    }

    @Test
    void aRequestHeldPastTheWaitGets503WithASentenceAndItsSlotBack() throws Exception {
        BroadcastPoint point = serveOne("/late", waiting(5, Duration.ofMillis(1500)));
        long sent = System.nanoTime();
        String answer = raw(playRequest("/late"));
        long tookMs = (System.nanoTime() - sent) / 1_000_000;
        assertThat(answer).startsWith("HTTP/1.0 503 ").contains("Retry-After: 5")
                .contains("The broadcast did not start within 1.5 s; try again later.");
        assertThat(tookMs).as("answered after the 1.5 s wait (took %d ms)", tookMs).isBetween(1400L, 6000L);
        assertThat(point.waitingRequests()).isZero();
        assertThat(point.streamingClients()).isZero();
    }

    @Test
    void aHeldPlayerThatLeavesIsForgottenAndGivesItsSlotBack() throws Exception {
        BroadcastPoint point = serveOne("/p", waiting(1, Duration.ofSeconds(30)));
        for (int round = 0; round < 3; round++) {
            Socket s = send(playRequest("/p"));
            awaitTrue(() -> point.waitingRequests() == 1 && point.streamingClients() == 1, "the Play held with a slot");
            s.close();
            awaitTrue(() -> point.waitingRequests() == 0 && point.streamingClients() == 0, "the Play forgotten");
        }
        // The slot is free: the one slot of the point serves a player once the broadcast starts.
        feed(point);
        try (PlaySession p = client.play(uri("mmsh", "/p"))) {
            assertThat(p.nextPacket()).isPresent();
            assertThat(point.clientCount()).isEqualTo(1);
        }
    }

    @Test
    void heldPlayersCountAgainstThePointsAndTheServersLimits() throws Exception {
        server = new StreamingServer(ServerSettings.defaults().withLimits(new ServerLimits(2, 0, 0)));
        BroadcastPoint one = publish("/one", waiting(1, Duration.ofSeconds(30)));
        BroadcastPoint other = publish("/other", waiting(5, Duration.ofSeconds(30)));
        server.open(0);
        send(playRequest("/one"));
        awaitTrue(() -> one.streamingClients() == 1, "the first Play holds /one's only slot");
        // The point is full: a second Play and a Describe (whose Play would be refused) are refused at once.
        assertThat(raw(playRequest("/one"))).startsWith("HTTP/1.0 503 ").contains("maximum of 1 clients");
        assertThat(raw(describeRequest("/one"))).startsWith("HTTP/1.0 503 ")
                .contains("maximum of 1 clients");
        // A held Describe takes no slot; a held Play does, and the server's limit of 2 counts it.
        send(describeRequest("/other"));
        // One after the other: at a full server, a Describe is refused like the Play after it would be.
        awaitTrue(() -> other.waitingRequests() == 1, "the Describe held");
        send(playRequest("/other"));
        awaitTrue(() -> other.waitingRequests() == 2 && other.streamingClients() == 1,
                () -> "a Describe and a Play held (waiting " + other.waitingRequests() + ", slots " + other.streamingClients() + ")");
        assertThat(raw(playRequest("/other"))).startsWith("HTTP/1.0 503 ")
                .contains("This server already has its maximum of 2 players");
        assertThat(other.waitingRequests()).isEqualTo(2);
    }

    @Test
    void aPointThatEndedWhenIdleHoldsItsNextPlayerAndSignalsDemandAgain() throws Exception {
        BroadcastPoint point = serveOne("/again", waiting(5, Duration.ofSeconds(10)));
        AtomicInteger demands = new AtomicInteger();
        point.onDemand(demands::incrementAndGet);
        FilePlayout first = feed(point);
        try (PlaySession p = client.play(uri("mmsh", "/again"))) {
            assertThat(p.nextPacket()).isPresent();
            assertThat(point.endIfIdle()).as("a player streams").isFalse();
            assertThat(point.isLive()).isTrue();
        }
        awaitTrue(() -> point.clientCount() == 0, "the player left");
        assertThat(point.endIfIdle()).isTrue();
        assertThat(point.isLive()).isFalse();
        first.endWriting(); // the stopped source's own end changes nothing more
        assertThat(demands).hasValue(0); // nobody asked while it had no broadcast

        CompletableFuture<PlaySession> next = CompletableFuture.supplyAsync(() -> play(client, uri("mmsh", "/again")));
        awaitTrue(() -> point.waitingRequests() == 1, "the next player held");
        assertThat(demands).hasValue(1);
        FilePlayout second = feed(point);
        try (PlaySession p = next.get(10, TimeUnit.SECONDS)) {
            for (int i = 0; i < 20; i++) {
                assertThat(p.nextPacket()).isPresent();
            }
        }
        // A Play that arrives as the point ends when idle waits for the next start instead.
        awaitTrue(() -> point.clientCount() == 0, "the second player left");
        assertThat(point.endIfIdle()).isTrue();
        second.endWriting();
        CompletableFuture<PlaySession> third = CompletableFuture.supplyAsync(() -> play(client, uri("mmsh", "/again")));
        awaitTrue(() -> point.waitingRequests() == 1, "the third player's Describe held");
        assertThat(point.streamingClients()).as("a Describe holds no slot").isZero();
        assertThat(point.endIfIdle()).as("a player waits").isFalse();
        assertThat(demands).hasValue(2);
        feed(point);
        try (PlaySession p = third.get(10, TimeUnit.SECONDS)) {
            assertThat(p.nextPacket()).isPresent();
        }
    }

    @Test
    void withoutAStartWaitAPointWithNoBroadcastRefusesAtOnce() throws Exception {
        BroadcastPoint point = serveOne("/sdk", waiting(5, Duration.ZERO));
        AtomicInteger demands = new AtomicInteger();
        point.onDemand(demands::incrementAndGet);
        assertThat(raw(playRequest("/sdk")))
                .startsWith("HTTP/1.0 503 ").contains("not started yet");
        assertThat(point.streamingClients()).isZero();
        assertThat(demands).hasValue(0);
    }

    @Test
    void aHeldRequestIsTurnedAwayWhenItsPointIsWithdrawn() throws Exception {
        BroadcastPoint point = serveOne("/gone", waiting(5, Duration.ofSeconds(30)));
        Socket s = send(playRequest("/gone"));
        awaitTrue(() -> point.waitingRequests() == 1, "the Play held");
        server.withdraw("/gone", Duration.ofSeconds(1));
        assertThat(readAll(s)).startsWith("HTTP/1.0 503 ").contains("The broadcast has ended");
        assertThat(point.waitingRequests()).isZero();
    }

    private static PlaySession play(MmshClient c, URI uri) {
        try {
            return c.play(uri);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        awaitTrue(condition, () -> what);
    }

    private static void awaitTrue(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what.get());
            }
            Thread.sleep(10);
        }
    }

    /** Sends a request on a new connection and leaves it open (closed after the test). */
    private Socket send(String request) throws Exception {
        Socket s = new Socket();
        sockets.add(s);
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
        s.setSoTimeout(10_000);
        s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return s;
    }

    /** One request on its own connection; the whole answer, until the server closes. */
    private String raw(String request) throws Exception {
        try (Socket s = send(request)) {
            return readAll(s);
        }
    }

    private static String readAll(Socket s) throws Exception {
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[65536];
        int n = 0;
        for (int r; n < buffer.length && (r = in.read(buffer, n, buffer.length - n)) > 0; ) {
            n += r;
        }
        return new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
    }
}
