package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.AsfReader;
import org.asfcast.netsink.wire.ClientProtocol;
import org.asfcast.netsink.wire.ResponseHeads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pass over many clients goes a slice at a time, the loop getting back control between slices,
 * and still serves every client once; a wake-up during a pass brings another pass after it.
 */
class LoopClientsTest {

    private static final int CLIENTS = LoopClients.SLICE * 2 + 100;

    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private BroadcastPoint sink;
    private LoopClients loop;
    private EmbeddedChannel first;
    private List<byte[]> packets;

    private void setUp() throws Exception {
        byte[] file = getClass().getResourceAsStream("/fixtures/ffmpeg-wmv2-wmav2.asf").readAllBytes();
        packets = new ArrayList<>();
        byte[] header;
        try (AsfReader reader = AsfReader.of(new ByteArrayInputStream(file))) {
            header = reader.headerBytes();
            for (Optional<byte[]> p; (p = reader.nextPacketBytes()).isPresent(); ) {
                packets.add(p.get());
            }
        }
        // Never opened: no event loops of its own; the test's embedded loop plays one.
        sink = new BroadcastPoint("/", NetworkSinkConfig.builder().maximumClients(CLIENTS).resolveNames(false).build().pointSettings());
        sink.onHeader(ByteBuffer.wrap(header));
        for (int i = 0; i < packets.size() / 2; i++) {
            sink.onDataUnit(ByteBuffer.wrap(packets.get(i)));
        }
        first = channel(0);
        loop = new LoopClients(first.eventLoop(), 0, sink.ring());
        for (int i = 0; i < CLIENTS; i++) {
            EmbeddedChannel ch = i == 0 ? first : channel(i);
            channels.add(ch);
            new ClientSession(sink, loop, ch, i, ClientProtocol.MS_WMSP, "NSPlayer/7.10.0.3059", sink.currentHeader())
                    .start(ResponseHeads.play(i));
        }
        drain(); // the joins' bursts
        runUntilQuiet();
        drain();
    }

    private static EmbeddedChannel channel(int i) {
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1024 + i);
        return new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return peer;
            }
        };
    }

    /** Releases what was written; returns how many data messages each client got. */
    private int[] drain() {
        int[] got = new int[channels.size()];
        for (int i = 0; i < channels.size(); i++) {
            for (Object m; (m = channels.get(i).readOutbound()) != null; ) {
                if (m instanceof ByteBuf b && b.readableBytes() > 0) {
                    got[i]++;
                }
                ReferenceCountUtil.release(m);
            }
        }
        return got;
    }

    private static int served(int[] got) {
        return (int) java.util.Arrays.stream(got).filter(n -> n > 0).count();
    }

    /** Lets the loop run until it has nothing left to do (bounded). */
    private void runUntilQuiet() {
        for (int i = 0; i < 20; i++) {
            first.runPendingTasks();
        }
    }

    @AfterEach
    void tearDown() {
        drain();
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        if (loop != null) {
            loop.releaseWindow();
        }
        if (sink != null) {
            sink.onEndWriting();
            sink.ring().clear(); // never opened, so never closed: its ring is let go here
        }
    }

    @Test
    void aPassServesEveryClientOnceASliceAtATime() throws Exception {
        setUp();
        sink.onDataUnit(ByteBuffer.wrap(packets.get(packets.size() / 2)));
        loop.wake();
        first.runPendingTasks();
        int[] early = drain();
        assertThat(served(early)).as("the loop got control back before the pass ended")
                .isPositive().isLessThan(CLIENTS).isEqualTo(served(early) / LoopClients.SLICE * LoopClients.SLICE);
        runUntilQuiet();
        int[] late = drain();
        for (int i = 0; i < CLIENTS; i++) {
            assertThat(early[i] + late[i]).as("client %d's packets", i).isEqualTo(1);
        }
    }

    @Test
    void aWakeUpDuringAPassBringsAnotherPassAfterIt() throws Exception {
        setUp();
        sink.onDataUnit(ByteBuffer.wrap(packets.get(packets.size() / 2)));
        loop.wake();
        first.runPendingTasks(); // part of the pass
        sink.onDataUnit(ByteBuffer.wrap(packets.get(packets.size() / 2 + 1)));
        loop.wake();
        runUntilQuiet();
        int[] got = drain();
        for (int i = 0; i < CLIENTS; i++) {
            assertThat(got[i]).as("client %d's packets", i).isEqualTo(2);
        }
    }

    @Test
    void pumpAllNowRunsTheWholePass() throws Exception {
        setUp();
        sink.onDataUnit(ByteBuffer.wrap(packets.get(packets.size() / 2)));
        loop.pumpAllNow();
        assertThat(served(drain())).isEqualTo(CLIENTS);
        runUntilQuiet();
        assertThat(served(drain())).isZero();
    }
}
