package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.AsfReader;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.netsink.wire.ClientProtocol;
import org.asfcast.netsink.wire.ResponseHeads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loop whose last client left lets go of its copy of the ring. A player joining that loop later
 * must still get the whole first burst (from the same key frame, byte for byte) that a player on
 * a loop that never went idle gets, not only what arrived since the last client left: on a quiet
 * server every listener would otherwise wait for the next key frame and then for live data
 * (FFmpeg's first picture took 1.1 to 2.7 s instead of 0.1 s). Checked on the loop's own classes,
 * then over real sockets on a running sink.
 */
class IdleLoopJoinTest {

    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final List<LoopClients> loops = new ArrayList<>();
    private BroadcastPoint sink;

    @AfterEach
    void tearDown() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        loops.forEach(LoopClients::releaseWindow);
        if (sink != null) {
            sink.onEndWriting();
            sink.ring().clear(); // never opened, so never closed: its ring is let go here
        }
    }

    @Test
    void aPlayerJoiningALoopThatWentIdleGetsTheSameBurstAsOnAFreshLoop() throws Exception {
        List<byte[]> packets = new ArrayList<>();
        byte[] header;
        byte[] file = getClass().getResourceAsStream("/fixtures/ffmpeg-wmv2-wmav2.asf").readAllBytes();
        try (AsfReader reader = AsfReader.of(new ByteArrayInputStream(file))) {
            header = reader.headerBytes();
            for (Optional<byte[]> p; (p = reader.nextPacketBytes()).isPresent(); ) {
                packets.add(p.get());
            }
        }
        // Never opened: no event loops of its own; embedded channels play the loops.
        sink = new BroadcastPoint("/", NetworkSinkConfig.builder().resolveNames(false).build().pointSettings());
        sink.onHeader(ByteBuffer.wrap(header));
        int third = packets.size() / 3;
        for (int i = 0; i < third; i++) {
            sink.onDataUnit(ByteBuffer.wrap(packets.get(i)));
        }

        EmbeddedChannel first = channel();
        LoopClients wentIdle = loop(first);
        ClientSession leaving = session(wentIdle, first);
        leaving.start(ResponseHeads.play(1));
        first.runPendingTasks();
        leaving.close(DisconnectReason.CLIENT_LEFT);
        sink.onDataUnit(ByteBuffer.wrap(packets.get(third)));
        wentIdle.wake();
        first.runPendingTasks(); // a pass with no client: the loop lets go of its copy
        assertThat(wentIdle.window().bytes()).as("the idle loop's copy of the ring").isZero();
        for (int i = third + 1; i < packets.size(); i++) {
            sink.onDataUnit(ByteBuffer.wrap(packets.get(i)));
        }

        EmbeddedChannel joiner = channel();
        session(wentIdle, joiner).start(ResponseHeads.play(2));
        EmbeddedChannel reference = channel();
        session(loop(reference), reference).start(ResponseHeads.play(2));

        Written got = written(joiner);
        Written expected = written(reference);
        assertThat(expected.messages() - 1).as("packets in the reference burst (after the response and header), "
                + "which starts before the first client left").isGreaterThan(packets.size() - third);
        assertThat(got.messages()).as("writes on the loop that went idle").isEqualTo(expected.messages());
        assertThat(Arrays.equals(got.bytes(), expected.bytes())).as("the same bytes as the reference").isTrue();
    }

    @TempDir
    static Path dir;

    @Test
    void overRealSocketsASecondPlayerOnAQuietServerStartsAsFarBackAsTheFirst() throws Exception {
        // One event loop, so that both players are on the loop that goes idle between them.
        NetworkSinkConfig config = NetworkSinkConfig.builder().eventLoopThreads(1).resolveNames(false).build();
        MmshClient client = MmshClient.create().withReadTimeout(Duration.ofSeconds(5));
        try (LiveBroadcast live = LiveBroadcast.start(LiveBroadcast.mjpegFile(dir, 10), config)) {
            Thread.sleep(3_500); // the ring now holds more than the 3 s join burst
            long firstJoin = System.nanoTime();
            long firstStart;
            try (PlaySession first = client.play(live.mmsh())) {
                firstStart = first.nextPacket().orElseThrow().parse().sendTime();
            }
            Thread.sleep(700); // a pass with no client: the loop lets go of its copy of the ring
            long secondJoin = System.nanoTime();
            long secondStart;
            try (PlaySession second = client.play(live.mmsh())) {
                secondStart = second.nextPacket().orElseThrow().parse().sendTime();
            }
            // Both start the same distance behind live (every MJPEG frame is a key frame), so their
            // first packets are as far apart in send time as the joins were in wall time. Joining
            // with only what came since the first player left would start about 3 s later.
            long wallMillis = (secondJoin - firstJoin) / 1_000_000;
            assertThat(secondStart - firstStart).as("send time between the two first packets, %d ms between joins",
                    wallMillis).isLessThan(wallMillis + 1_500);
        }
    }

    private EmbeddedChannel channel() {
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1024 + channels.size());
        EmbeddedChannel ch = new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return peer;
            }
        };
        channels.add(ch);
        return ch;
    }

    private LoopClients loop(EmbeddedChannel ch) {
        LoopClients loop = new LoopClients(ch.eventLoop(), 0, sink.ring());
        loops.add(loop);
        return loop;
    }

    private ClientSession session(LoopClients loop, EmbeddedChannel ch) {
        return new ClientSession(sink, loop, ch, channels.size(), ClientProtocol.MS_WMSP, "NSPlayer/7.10.0.3059",
                sink.currentHeader());
    }

    private record Written(byte[] bytes, int messages) {
    }

    /** Everything the channel was given so far (released), and in how many writes. */
    private static Written written(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int messages = 0;
        for (Object m; (m = ch.readOutbound()) != null; messages++) {
            if (m instanceof ByteBuf b) {
                byte[] bytes = new byte[b.readableBytes()];
                b.getBytes(b.readerIndex(), bytes);
                out.writeBytes(bytes);
            }
            ReferenceCountUtil.release(m);
        }
        return new Written(out.toByteArray(), messages);
    }
}
