package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataPacket;
import org.asfcast.netsink.wire.ChunkFramer;
import org.asfcast.netsink.wire.ClientProtocol;
import org.asfcast.netsink.wire.ResponseHeads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A joiner gets the header's preroll plus the join burst at once: a player reads a preroll ahead
 * before it plays anything (VLC's ASF demuxer holds every frame until it has packets sent a
 * preroll later), so a burst that only covers the preroll leaves it waiting for live data. The
 * ring keeps that much even when its own window is shorter. On a 10 s MJPEG + PCM broadcast with
 * a 1 s preroll (every frame a key frame, 25 per second), fed whole to a point that was never
 * opened; embedded channels play the loop.
 */
class JoinBurstTest {

    private static final long PREROLL = 1000; // LiveBroadcast.mjpegFile's
    private static final Duration BURST = Duration.ofMillis(500);
    /** A joiner starts at a frame: at most a frame's 40 ms, and a packet's spread, past the minimum. */
    private static final long GRAIN = 200;

    @TempDir
    Path dir;

    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final List<LoopClients> loops = new ArrayList<>();
    private BroadcastPoint point;

    @AfterEach
    void tearDown() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        loops.forEach(LoopClients::releaseWindow);
        if (point != null) {
            point.onEndWriting();
            point.ring().clear(); // never opened, so never closed: its ring is let go here
        }
    }

    @Test
    void aJoinerGetsThePrerollPlusTheBurst() throws Exception {
        long newest = broadcast(NetworkSinkConfig.builder().resolveNames(false).joinBurst(BURST).build());
        long age = newest - firstSendTime();
        assertThat(age).as("how far behind the newest packet a joiner starts, ms")
                .isBetween(PREROLL + BURST.toMillis(), PREROLL + BURST.toMillis() + GRAIN);
    }

    @Test
    void theRingKeepsWhatAJoinerNeedsBeyondItsWindow() throws Exception {
        long newest = broadcast(NetworkSinkConfig.builder().resolveNames(false).joinBurst(BURST)
                .ringWindow(Duration.ofMillis(800)).build());
        long age = newest - firstSendTime();
        assertThat(age).as("how far behind the newest packet a joiner starts with an 800 ms window, ms")
                .isBetween(PREROLL + BURST.toMillis(), PREROLL + BURST.toMillis() + GRAIN);
    }

    /** Feeds the whole broadcast to a new point; returns the newest send time. */
    private long broadcast(NetworkSinkConfig config) throws Exception {
        point = new BroadcastPoint("/", config.pointSettings());
        long newest = -1;
        try (AsfReader reader = AsfReader.open(LiveBroadcast.mjpegFile(dir, 10))) {
            point.onHeader(ByteBuffer.wrap(reader.headerBytes()));
            for (Optional<byte[]> p; (p = reader.nextPacketBytes()).isPresent(); ) {
                point.onDataUnit(ByteBuffer.wrap(p.get()));
                newest = DataPacket.parse(p.get()).sendTime();
            }
        }
        return newest;
    }

    /** Starts a player and returns the send time of the first data packet it was given. */
    private long firstSendTime() throws Exception {
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1024);
        EmbeddedChannel ch = new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return peer;
            }
        };
        channels.add(ch);
        LoopClients loop = new LoopClients(ch.eventLoop(), 0, point.ring());
        loops.add(loop);
        new ClientSession(point, loop, ch, 1, ClientProtocol.MS_WMSP, "NSPlayer/7.10.0.3059", point.currentHeader())
                .start(ResponseHeads.play(1));
        ReferenceCountUtil.release(ch.readOutbound()); // the response head and the header
        ByteBuf chunk = ch.readOutbound();
        try {
            byte[] packet = new byte[chunk.readableBytes() - ChunkFramer.CHUNK_HEADER_LENGTH];
            chunk.getBytes(chunk.readerIndex() + ChunkFramer.CHUNK_HEADER_LENGTH, packet);
            return DataPacket.parse(packet).sendTime();
        } finally {
            chunk.release();
        }
    }
}
