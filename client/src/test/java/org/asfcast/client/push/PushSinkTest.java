package org.asfcast.client.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.LiveProfile;
import org.asfcast.asf.auth.AuthParams;
import org.asfcast.client.FixtureStream;
import org.asfcast.client.push.PushReceiver.Frame;
import org.asfcast.client.push.PushReceiver.Request;
import org.asfcast.writer.SdkError;
import org.asfcast.writer.SdkException;
import org.asfcast.writer.source.Backoff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The push sink against a real receiver on a socket: the exact wire (request lines, fields,
 * cookie, framing), posting again at the Content-Length, reconnecting after a drop, a new session
 * when the server forgot the push-id, and Basic credentials after a 401.
 */
class PushSinkTest {

    /** Quick retries, so that a reconnect takes milliseconds. */
    private static final PushSettings QUICK = PushSettings.DEFAULTS
            .withBackoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(30)))
            .withAnswerTimeout(Duration.ofSeconds(10));

    private FixtureStream fixture;
    private PushReceiver receiver;
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fixture = FixtureStream.load();
        receiver = PushReceiver.start();
    }

    @AfterEach
    void stop() throws IOException {
        receiver.close();
    }

    private PushSink sink(PushSettings settings) {
        PushSink sink = new PushSink(settings);
        sink.addListener(new PushListener() {
            @Override
            public void opened(String pushId) {
                events.add("opened " + pushId);
            }

            @Override
            public void interrupted(String reason, Duration retryIn) {
                events.add("interrupted " + reason);
            }

            @Override
            public void resumed(String pushId) {
                events.add("resumed " + pushId);
            }

            @Override
            public void failed(String sentence) {
                events.add("failed " + sentence);
            }
        });
        return sink;
    }

    private void push(PushSink sink, int from, int to, long pauseMillis) throws Exception {
        for (int i = from; i < to; i++) {
            sink.onDataUnit(ByteBuffer.wrap(fixture.packets().get(i % fixture.packets().size())));
            if (pauseMillis > 0) {
                Thread.sleep(pauseMillis);
            }
        }
    }

    private byte[] unpadded(int i) {
        return UnpaddedPacket.of(ByteBuffer.wrap(fixture.packets().get(i % fixture.packets().size())));
    }

    @Test
    void setupThenStartCarryHeaderPacketsAndTheEnd() throws Exception {
        PushSink sink = sink(QUICK);
        sink.connect(receiver.url("/live?token=T"), null, true);
        String pushId = sink.opened().get(20, TimeUnit.SECONDS);
        sink.onHeader(ByteBuffer.wrap(fixture.headerBytes()));
        push(sink, 0, 40, 0);
        sink.endSession();
        awaitEnd();

        List<Request> requests = receiver.requests();
        assertThat(requests).hasSize(2);
        Request setup = requests.get(0);
        assertThat(setup.requestLine()).isEqualTo("POST /live?token=T HTTP/1.1");
        assertThat(setup.fieldLines()).containsExactly("Content-Type: application/x-wms-pushsetup",
                "X-Accept-Authentication: Digest, Basic", "User-Agent: WMEncoder/12.0 asfcast", "Host: 127.0.0.1:" + receiver.port(),
                "Content-Length: 16", "Cache-Control: no-cache", "Cookie: push-id=0");
        assertThat(setup.body()).isEqualTo("AutoDestroy: 1\r\n");
        Request start = requests.get(1);
        assertThat(start.requestLine()).isEqualTo("POST /live?token=T HTTP/1.1");
        assertThat(start.fieldLines()).containsExactly("Content-Type: application/x-wms-pushstart",
                "User-Agent: WMEncoder/12.0 asfcast", "Host: 127.0.0.1:" + receiver.port(),
                "Content-Length: 2147483647", "Cache-Control: no-cache", "Cookie: push-id=" + pushId);
        assertThat(start.connection()).as("the PushStart rides the PushSetup's connection").isEqualTo(setup.connection());

        List<Frame> frames = receiver.frames();
        assertThat(frames).hasSize(1 + 40 + 1);
        assertThat(frames.get(0).frame()).containsExactly(PushFrames.header(fixture.headerBytes()));
        for (int i = 0; i < 40; i++) {
            assertThat(frames.get(1 + i).frame()).as("$D %d", i).containsExactly(PushFrames.data(unpadded(i), 0, unpadded(i).length));
        }
        assertThat(frames.get(41).frame()).containsExactly(PushFrames.end(0));
        assertThat(sink.packetsSent()).isEqualTo(40);
        assertThat(sink.packetsDropped()).isZero();
        assertThat(events).containsExactly("opened " + pushId);
    }

    @Test
    void aFullBodyIsFilledAnsweredAndFollowedByTheNextPushStartOfTheSession() throws Exception {
        long contentLength = 70_000;
        PushSink sink = sink(QUICK.withContentLength(contentLength));
        sink.connect(receiver.url("/live"), null, false);
        sink.onHeader(ByteBuffer.wrap(fixture.headerBytes()));
        int packets = 300;
        push(sink, 0, packets, 0);
        sink.endSession();
        awaitEnd();

        List<Request> starts = receiver.requests().stream().filter(Request::isStart).toList();
        assertThat(starts.size()).as("PushStarts").isGreaterThan(3);
        assertThat(starts).allSatisfy(r -> {
            assertThat(r.value("Content-Length")).contains(Long.toString(contentLength));
            assertThat(r.value("Cookie")).isEqualTo(starts.get(0).value("Cookie"));
        });
        assertThat(receiver.requests().stream().filter(Request::isSetup)).hasSize(1);
        assertThat(receiver.completeBodies()).hasSize(starts.size() - 1).allSatisfy(b -> assertThat(b).isEqualTo(contentLength));
        assertThat(receiver.frames('H')).hasSize(1);
        assertThat(receiver.frames('F')).isNotEmpty();
        List<Frame> data = receiver.frames('D');
        assertThat(data).hasSize(packets);
        for (int i = 0; i < packets; i++) {
            assertThat(data.get(i).payload()).as("packet %d", i).containsExactly(unpadded(i));
        }
        assertThat(sink.pushStarts()).isEqualTo(starts.size());
    }

    @Test
    void aDroppedConnectionResumesTheSessionWithANewPushStart() throws Exception {
        PushSink sink = sink(QUICK);
        sink.connect(receiver.url("/live"), null, false);
        sink.onHeader(ByteBuffer.wrap(fixture.headerBytes()));
        receiver.dropConnectionAfterFrames(20, false);
        push(sink, 0, 30, 2);
        // As below: what was written into the dropped connection is lost, so the rest comes after it.
        assertThat(receiver.await(r -> r.frames().size() >= 20, Duration.ofSeconds(20)))
                .as("the first connection's frames; events %s", events).isTrue();
        Thread.sleep(200);
        push(sink, 30, 120, 2);
        sink.endSession();
        awaitEnd();
        List<Frame> received = receiver.frames('D');
        assertThat(received.get(received.size() - 1).payload()).as("the last packet, after the reconnect")
                .containsExactly(unpadded(119));
        assertThat(receiver.frames().get(receiver.frames().size() - 1).frame()).containsExactly(PushFrames.end(0));

        List<Request> requests = receiver.requests();
        assertThat(requests.stream().filter(Request::isSetup)).hasSize(1);
        List<Request> starts = requests.stream().filter(Request::isStart).toList();
        assertThat(starts).hasSize(2);
        assertThat(starts.get(1).value("Cookie")).isEqualTo(starts.get(0).value("Cookie"));
        assertThat(starts.get(1).connection()).isNotEqualTo(starts.get(0).connection());
        assertThat(receiver.frames('H')).as("a resumed session sends no second $H").hasSize(1);
        int secondStart = requests.indexOf(starts.get(1));
        Frame firstResumed = receiver.frames().stream().filter(f -> f.request() == secondStart).findFirst().orElseThrow();
        assertThat(firstResumed.type()).isEqualTo('D');
        assertThat(inOrder(receiver.frames('D'))).as("packets arrive in order, none twice").isTrue();
        assertThat(sink.interruptions()).isEqualTo(1);
        assertThat(events).anyMatch(e -> e.startsWith("interrupted ")).anyMatch(e -> e.startsWith("resumed "));
    }

    @Test
    void aServerThatForgotThePushIdGetsANewSessionStartingWithTheHeader() throws Exception {
        PushSink sink = sink(QUICK);
        sink.connect(receiver.url("/live"), null, false);
        sink.onHeader(ByteBuffer.wrap(fixture.headerBytes()));
        receiver.dropConnectionAfterFrames(10, true);
        push(sink, 0, 20, 2);
        // What the sink wrote into the connection the receiver dropped is lost (push has no
        // acknowledgements; on a slow machine all 60 could be written before the drop), so the rest
        // comes after it: the sink finds the connection gone and sends it in the new session.
        assertThat(receiver.await(r -> r.frames().size() >= 10, Duration.ofSeconds(20)))
                .as("the first connection's frames; events %s", events).isTrue();
        Thread.sleep(200);
        push(sink, 20, 60, 2);
        sink.endSession();
        awaitEnd();
        List<Frame> received = receiver.frames('D');
        assertThat(received.get(received.size() - 1).payload()).containsExactly(unpadded(59));

        List<Request> requests = receiver.requests();
        assertThat(requests.stream().filter(Request::isSetup).map(r -> r.value("Cookie").orElse("")))
                .containsExactly("push-id=0", "push-id=0");
        List<Request> starts = requests.stream().filter(Request::isStart).toList();
        assertThat(starts).hasSize(3); // the first, the refused resume (404), the new session's
        assertThat(starts.get(2).value("Cookie")).isNotEqualTo(starts.get(0).value("Cookie"));
        assertThat(receiver.frames('H')).hasSize(2);
        assertThat(events.stream().filter(e -> e.startsWith("opened "))).hasSize(2);
    }

    @Test
    void aBasicChallengeIsAnsweredWithTheUrlsCredentials() throws Exception {
        receiver.requireBasic("user", "secret");
        List<Request> requests = pushFive(receiver.url("user", "secret", "/live"), () -> { });
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).value("Authorization")).isEmpty();
        assertThat(requests.get(1).value("Authorization")).contains("Basic dXNlcjpzZWNyZXQ=");
        assertThat(requests.get(1).connection()).as("a new connection after the 401").isNotEqualTo(requests.get(0).connection());
        assertThat(requests.get(2).isStart()).isTrue();
        assertThat(requests.get(2).value("Authorization")).contains("Basic dXNlcjpzZWNyZXQ=");
        assertThat(requests).allSatisfy(r -> assertThat(r.requestLine()).doesNotContain("secret"));
        assertThat(receiver.frames('D')).hasSize(5);
    }

    @Test
    void refusedCredentialsAreTriedOnceThenTheSinkGivesUpAndSaysWhy() throws Exception {
        receiver.requireBasic("user", "secret");
        PushSink sink = sink(QUICK);
        sink.connect(receiver.url("user", "wrong", "/live"), null, false);
        assertThatThrownBy(() -> sink.opened().get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("refused the URL's credentials");
        assertThat(receiver.requests()).hasSize(2);
        assertThat(sink.failure()).hasValueSatisfying(f -> assertThat(f).contains("401").doesNotContain("wrong"));
        assertThatThrownBy(() -> sink.onHeader(ByteBuffer.wrap(fixture.headerBytes()))).isInstanceOf(IOException.class)
                .hasMessageContaining("refused the URL's credentials");
        assertThatThrownBy(sink::endSession).isInstanceOfSatisfying(SdkException.class,
                e -> assertThat(e.error()).isEqualTo(SdkError.NS_E_CONNECTION_FAILURE));
    }

    @Test
    void aDigestChallengeIsAnsweredPreferringSha256AndItsNonceCountGoesUp() throws Exception {
        receiver.requireDigest("user", "s3cret");
        List<Request> requests = pushFive(receiver.url("user", "s3cret", "/live?token=T"), () -> { });
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).value("Authorization")).isEmpty();
        AuthParams setup = digestOf(requests.get(1));
        assertThat(setup.param("algorithm")).contains("SHA-256");
        assertThat(setup.param("uri")).contains("/live?token=T");
        assertThat(setup.param("nc")).contains("00000001");
        assertThat(requests.get(2).isStart()).isTrue();
        AuthParams start = digestOf(requests.get(2));
        assertThat(start.param("nonce")).isEqualTo(setup.param("nonce"));
        assertThat(start.param("nc")).as("the nonce used again").contains("00000002");
        assertThat(receiver.frames('D')).hasSize(5);
        assertThat(requests).allSatisfy(r -> assertThat(String.join("\n", r.fieldLines())).doesNotContain("s3cret"));
    }

    @Test
    void aStaleNonceIsAnsweredOnceMoreAndNotCountedAsARefusal() throws Exception {
        receiver.requireDigest("user", "s3cret");
        List<Request> requests = pushFive(receiver.url("user", "s3cret", "/live"), receiver::expireNonces);
        assertThat(requests).hasSize(4); // PushSetup, its answer with Digest, the stale PushStart, the PushStart again
        assertThat(digestOf(requests.get(2)).param("nc")).contains("00000002");
        AuthParams again = digestOf(requests.get(3));
        assertThat(again.param("nonce")).isNotEqualTo(digestOf(requests.get(2)).param("nonce"));
        assertThat(again.param("nc")).contains("00000001");
        assertThat(receiver.frames('D')).hasSize(5);
    }

    @Test
    void aWrongDigestPasswordIsTriedOnceThenTheSinkGivesUp() throws Exception {
        receiver.requireDigest("user", "s3cret");
        PushSink sink = sink(QUICK);
        sink.connect(receiver.url("user", "wrong", "/live"), null, false);
        assertThatThrownBy(() -> sink.opened().get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("refused the URL's credentials");
        assertThat(receiver.requests()).hasSize(2);
    }

    /** Connects to {@code url}, does {@code afterOpen}, pushes a header and five packets and ends: what the receiver got. */
    private List<Request> pushFive(String url, Runnable afterOpen) throws Exception {
        PushSink sink = sink(QUICK);
        sink.connect(url, null, false);
        sink.opened().get(20, TimeUnit.SECONDS);
        afterOpen.run();
        sink.onHeader(ByteBuffer.wrap(fixture.headerBytes()));
        push(sink, 0, 5, 0);
        sink.endSession();
        awaitEnd();
        return receiver.requests();
    }

    private static AuthParams digestOf(Request request) {
        AuthParams a = request.value("Authorization").flatMap(AuthParams::credentials).orElseThrow();
        assertThat(a.is("Digest")).isTrue();
        return a;
    }

    @Test
    void aServerThatIsNotWindowsMediaIsRefused() throws Exception {
        receiver.serverHeader("nginx/1.22.1");
        PushSink sink = sink(QUICK);
        sink.connect(receiver.url("/live"), null, false);
        assertThatThrownBy(() -> sink.opened().get(20, TimeUnit.SECONDS)).hasMessageContaining("not a Windows Media server");
    }

    @Test
    void aNewHeaderEndsTheEntryAndCarriesTheChangeInside() throws Exception {
        PushSink sink = sink(QUICK);
        sink.connect(receiver.url("/live"), "/template", false);
        byte[] first = fixture.headerBytes();
        byte[] second = LiveProfile.streamStart(fixture.header());
        sink.onHeader(ByteBuffer.wrap(first));
        push(sink, 0, 3, 0);
        sink.onHeader(ByteBuffer.wrap(first)); // the same header again changes nothing
        sink.onHeader(ByteBuffer.wrap(second));
        push(sink, 3, 5, 0);
        sink.endSession();
        awaitEnd();

        assertThat(receiver.requests().get(0).body()).isEqualTo("Template-URL: \"/template\"\r\nAutoDestroy: 0\r\n");
        List<Frame> frames = receiver.frames();
        assertThat(frames.stream().map(f -> String.valueOf(f.type())).reduce("", String::concat)).isEqualTo("HDDDECDDE");
        assertThat(frames.get(4).reason()).isEqualTo(1);
        assertThat(frames.get(5).frame()).containsExactly(PushFrames.streamChange(second));
        assertThat(frames.get(8).reason()).isZero();
    }

    @Test
    void callsOutOfOrderGetTheSdkErrors() throws Exception {
        PushSink sink = new PushSink(QUICK);
        assertThatThrownBy(sink::endSession).isInstanceOfSatisfying(SdkException.class,
                e -> assertThat(e.error()).isEqualTo(SdkError.NS_E_NOCONNECTION));
        assertThatThrownBy(() -> sink.onHeader(ByteBuffer.wrap(fixture.headerBytes()))).isInstanceOfSatisfying(
                SdkException.class, e -> assertThat(e.error()).isEqualTo(SdkError.ASF_E_INVALIDSTATE));
        assertThatThrownBy(() -> sink.connect("ftp://h/p", null, false)).isInstanceOfSatisfying(SdkException.class,
                e -> assertThat(e.error()).isEqualTo(SdkError.E_INVALIDARG));
        sink.connect(receiver.url("/live"), null, false);
        assertThatThrownBy(() -> sink.connect(receiver.url("/live"), null, false)).isInstanceOfSatisfying(
                SdkException.class, e -> assertThat(e.error()).isEqualTo(SdkError.NS_E_INVALID_REQUEST));
        assertThatThrownBy(() -> sink.onDataUnit(ByteBuffer.wrap(fixture.packets().get(0))))
                .hasMessageContaining("before the header");
        sink.disconnect();
        assertThatThrownBy(() -> sink.onHeader(ByteBuffer.wrap(fixture.headerBytes()))).isInstanceOfSatisfying(
                SdkException.class, e -> assertThat(e).hasMessageContaining("disconnected"));
        assertThat(receiver.requests().stream().filter(Request::isStart)).as("no PushStart without a header").isEmpty();
    }

    @Test
    void aServerThatStopsReadingNeverHoldsUpTheWriterAndLosesTheConnection() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            // Answers the PushSetup, then reads nothing more: the socket buffers fill, then the queue.
            Thread answer = new Thread(() -> {
                try {
                    java.net.Socket s = silent.accept();
                    s.setReceiveBufferSize(4096);
                    byte[] buffer = new byte[4096];
                    int n = s.getInputStream().read(buffer);
                    assertThat(n).isPositive();
                    s.getOutputStream().write(("HTTP/1.1 204 No Content\r\nServer: " + PushReceiver.COUGAR
                            + "\r\nContent-Length: 0\r\nSet-Cookie: push-id=9\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    Thread.sleep(60_000);
                } catch (Exception e) {
                    // the test ended
                }
            });
            answer.setDaemon(true);
            answer.start();
            PushSink sink = new PushSink(new PushSettings(QUICK.userAgent(), QUICK.contentLength(), QUICK.backoff(),
                    256 * 1024, Duration.ofMinutes(1), QUICK.connectTimeout(), Duration.ofSeconds(1), QUICK.earlyAnswerWait()));
            sink.connect("http://127.0.0.1:" + silent.getLocalPort() + "/live", null, false);
            sink.opened().get(20, TimeUnit.SECONDS);
            sink.onHeader(ByteBuffer.wrap(fixture.headerBytes()));
            long slowest = 0;
            for (int i = 0; i < 20_000; i++) {
                long before = System.nanoTime();
                sink.onDataUnit(ByteBuffer.wrap(fixture.packets().get(i % fixture.packets().size())));
                slowest = Math.max(slowest, System.nanoTime() - before);
            }
            assertThat(sink.packetsDropped()).as("packets dropped from the full queue").isPositive();
            assertThat(Duration.ofNanos(slowest)).as("the slowest onDataUnit").isLessThan(Duration.ofMillis(200));
            // Go on until the socket buffers are full and the sender's write is blocked.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            for (int i = 0; sink.interruptions() == 0 && System.nanoTime() < deadline; i++) {
                sink.onDataUnit(ByteBuffer.wrap(fixture.packets().get(i % fixture.packets().size())));
                if (i % 50 == 0) {
                    Thread.sleep(1);
                }
            }
            assertThat(sink.interruptions()).as("the blocked write was cut after the answer timeout").isPositive();
            sink.disconnect();
        }
    }

    /** Waits until the receiver has read the {@code $E} 0 the sink sent (endSession returns once it is written). */
    private void awaitEnd() throws InterruptedException {
        assertThat(receiver.await(r -> r.frames('E').stream().anyMatch(f -> f.reason() == 0), Duration.ofSeconds(20)))
                .as("the receiver read the end; events %s; requests %s; frames %s", events, receiver.requests(),
                        receiver.frames().stream().map(f -> f.type() + "@" + f.request()).toList()).isTrue();
    }

    /** Whether the received packets are the fixture's in order (each a later packet than the one before). */
    private boolean inOrder(List<Frame> data) {
        int next = 0;
        for (Frame f : data) {
            int found = -1;
            for (int i = next; i < 120; i++) {
                if (java.util.Arrays.equals(f.payload(), unpadded(i))) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                return false;
            }
            next = found + 1;
        }
        return true;
    }
}
