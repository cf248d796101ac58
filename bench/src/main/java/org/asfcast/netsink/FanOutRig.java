package org.asfcast.netsink;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import org.asfcast.netsink.wire.ClientProtocol;
import org.asfcast.netsink.wire.ResponseHeads;

/**
 * Benchmark access to the sink's fan-out without sockets (lives in the bench module, in the sink's
 * package, to reach its package-private session classes). A {@link BroadcastPoint} on no server takes
 * the header and the packets as usual ({@code onDataUnit}: parse, frame once into a pooled direct
 * buffer, append to the ring); N {@link ClientSession}s on {@link EmbeddedChannel}s, all in one
 * {@link LoopClients} as on one event loop, are pumped exactly as the loop's wake-up task does it
 * (cursor, retained duplicate, write, flush through the real pipeline and outbound buffer). The
 * embedded transport hands each written buffer to a queue instead of a socket; {@link #drain()}
 * releases them, as a socket write's completion would. So the cost measured is the sink's and
 * Netty's, per packet and client, with the kernel excluded.
 */
public final class FanOutRig implements AutoCloseable {

    private final BroadcastPoint sink;
    private final EmbeddedChannel[] channels;
    private final LoopClients loop;

    /** A sink with {@code header} and {@code clients} MS-WMSP (or plain HTTP) sessions joined. */
    public FanOutRig(byte[] header, int clients, boolean plain) {
        sink = new BroadcastPoint("/", NetworkSinkConfig.builder().maximumClients(Math.max(1, clients)).resolveNames(false)
                .build().pointSettings());
        sink.onHeader(ByteBuffer.wrap(header));
        channels = new EmbeddedChannel[clients];
        EmbeddedChannel first = channel(0);
        loop = new LoopClients(first.eventLoop(), 0, sink.ring());
        BroadcastHeader h = sink.currentHeader();
        for (int i = 0; i < clients; i++) {
            EmbeddedChannel ch = i == 0 ? first : channel(i);
            channels[i] = ch;
            ClientProtocol protocol = plain ? ClientProtocol.PLAIN_HTTP : ClientProtocol.MS_WMSP;
            ClientSession s = new ClientSession(sink, loop, ch, i, protocol, "NSPlayer/7.10.0.3059", h);
            s.start(plain ? ResponseHeads.plainStream() : ResponseHeads.play(i));
        }
        drain();
    }

    /**
     * A channel as NetworkSink's outbound path sees it (ConnectionHandler only reads, so no handler
     * is needed) with a loopback peer address.
     */
    private EmbeddedChannel channel(int i) {
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1024 + i % 60000);
        EmbeddedChannel ch = new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return peer;
            }
        };
        return ch;
    }

    /** The writer's call alone: parse, frame, append to the ring (no loop to wake: the rig has none). */
    public void onDataUnit(ByteBuffer packet) {
        sink.onDataUnit(packet);
    }

    /** The event loop's wake-up task: every session takes what is new in the ring. */
    public void pump() {
        loop.pumpAllNow();
    }

    /** Releases what the sessions wrote (what a socket write's completion does); returns the buffers released. */
    public int drain() {
        int n = 0;
        for (EmbeddedChannel ch : channels) {
            Object m;
            while ((m = ch.readOutbound()) != null) {
                ReferenceCountUtil.release(m);
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        drain();
        loop.releaseWindow();
        sink.onEndWriting(); // lets go of the slab packets are framed in
        for (EmbeddedChannel ch : channels) {
            ch.finishAndReleaseAll();
        }
    }
}
