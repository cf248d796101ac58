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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.Payload;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.netsink.wire.ChunkFramer;
import org.asfcast.netsink.wire.ClientProtocol;
import org.asfcast.netsink.wire.ResponseHeads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Players that selected the same streams of a multiple-bit-rate broadcast share one rewritten
 * copy of each packet, whatever loop they are on; a player of every stream reads the ring itself.
 * An FFmpeg-made MBR file (streams 1 and 2 video at 600 and 150 kbit/s, 3 audio) is fed to a point
 * that was never opened; embedded channels play the loops.
 */
class SelectionSharingTest {

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
            point.ring().clear();
        }
    }

    @Test
    void twoPlayersOfOneSelectionShareEachCopyAndGetOnlyTheirStreams() throws Exception {
        point = new BroadcastPoint("/", NetworkSinkConfig.builder().resolveNames(false).build().pointSettings());
        List<byte[]> packets = new ArrayList<>();
        try (AsfReader reader = AsfReader.open(Ffmpeg.multipleBitRate(dir.resolve("mbr.wmv"), 6))) {
            point.onHeader(ByteBuffer.wrap(reader.headerBytes()));
            for (Optional<byte[]> p; (p = reader.nextPacketBytes()).isPresent(); ) {
                packets.add(p.get());
            }
        }
        int half = packets.size() / 2;
        packets.subList(0, half).forEach(p -> point.onDataUnit(ByteBuffer.wrap(p)));
        BroadcastHeader header = point.currentHeader();
        StreamSelection low = StreamSelection.of(Optional.of(Set.of(2, 3)), header).orElseThrow();
        assertThat(StreamSelection.of(Optional.of(Set.of(1, 2, 3)), header)).as("every stream: the ring").isEmpty();

        EmbeddedChannel a = player(low);
        EmbeddedChannel b = player(low);
        EmbeddedChannel all = player(null);
        assertThat(point.ring().selectionCount()).isEqualTo(1);
        List<ByteBuf> fromA = new ArrayList<>();
        List<ByteBuf> fromB = new ArrayList<>();
        List<ByteBuf> fromAll = new ArrayList<>();
        try {
            // Live packets arrive one by one; a session writes while its channel is writable, and
            // taking the output makes room again (with the whole rest fed at once, the ring's byte
            // bound would make the every-stream player skip ahead).
            for (int round = 0, next = half; round < 1000; round++) {
                if (next < packets.size()) {
                    point.onDataUnit(ByteBuffer.wrap(packets.get(next++)));
                }
                loops.forEach(LoopClients::pumpAllNow);
                int before = fromA.size() + fromB.size() + fromAll.size();
                fromA.addAll(chunks(a));
                fromB.addAll(chunks(b));
                fromAll.addAll(chunks(all));
                if (next == packets.size() && fromA.size() + fromB.size() + fromAll.size() == before) {
                    break;
                }
            }
            assertThat(fromA).hasSameSizeAs(fromB).hasSizeGreaterThan(100);
            int shared = 0;
            long lowBytes = 0;
            for (int i = 0; i < fromA.size(); i++) {
                ByteBuf x = fromA.get(i);
                ByteBuf y = fromB.get(i);
                assertThat(ByteBufUtilBytes.of(x)).isEqualTo(ByteBufUtilBytes.of(y));
                if (x.hasMemoryAddress() && y.hasMemoryAddress()
                        && x.memoryAddress() + x.readerIndex() == y.memoryAddress() + y.readerIndex()) {
                    shared++; // duplicates of one direct buffer: the same copy, not two equal ones
                }
                lowBytes += x.readableBytes();
                byte[] packet = Arrays.copyOfRange(ByteBufUtilBytes.of(x), ChunkFramer.CHUNK_HEADER_LENGTH,
                        x.readableBytes());
                assertThat(packet.length).isLessThanOrEqualTo(header.packetSize());
                DataPacket parsed = DataPacket.parse(Arrays.copyOf(packet, header.packetSize()), 0,
                        header.packetSize(), 0);
                Set<Integer> streams = new HashSet<>();
                for (Payload p : parsed.payloads()) {
                    streams.add(p.streamNumber());
                }
                assertThat(streams).as("streams in packet %d", i).doesNotContain(1);
            }
            // Only the joiner's first packets (orphan fragments cut) are its own.
            assertThat(shared).as("packets both players got from one copy").isGreaterThan(fromA.size() - 10);
            long allBytes = fromAll.stream().mapToLong(ByteBuf::readableBytes).sum();
            // Both got the same broadcast from their join (key frames of streams 1 and 2 may lie a few packets apart).
            assertThat(fromAll.size()).isCloseTo(fromA.size(), org.assertj.core.data.Offset.offset(10));
            assertThat(fromAll).allSatisfy(c -> assertThat(c.readableBytes()).isEqualTo(
                    ChunkFramer.CHUNK_HEADER_LENGTH + header.packetSize()));
            double ratio = (double) lowBytes / fromA.size() / ((double) allBytes / fromAll.size());
            // Stream 1 is 600 of the ~814 kbit/s; packets hold some overhead and keep their headers.
            assertThat(ratio).as("bytes per packet to a {2,3} player against an every-stream player").isLessThan(0.45);
        } finally {
            fromA.forEach(ByteBuf::release);
            fromB.forEach(ByteBuf::release);
            fromAll.forEach(ByteBuf::release);
        }

        a.close();
        b.close();
        assertThat(point.ring().selectionCount()).as("copies dropped with the selection's last player").isZero();
    }

    private EmbeddedChannel player(StreamSelection selection) {
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1024 + channels.size());
        EmbeddedChannel ch = new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return peer;
            }
        };
        channels.add(ch);
        LoopClients loop = new LoopClients(ch.eventLoop(), 0, point.ring());
        loops.add(loop);
        ClientSession session = new ClientSession(point, loop, ch, channels.size(), ClientProtocol.MS_WMSP,
                "NSPlayer/7.10.0.3059", point.currentHeader(), selection);
        ch.closeFuture().addListener(f -> session.close(DisconnectReason.CLIENT_LEFT));
        session.start(ResponseHeads.play(1));
        ReferenceCountUtil.release(ch.readOutbound()); // the response head and the header
        return ch;
    }

    private static List<ByteBuf> chunks(EmbeddedChannel ch) {
        List<ByteBuf> out = new ArrayList<>();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            out.add(b);
        }
        return out;
    }

    /** The readable bytes of a buffer. */
    private static final class ByteBufUtilBytes {
        static byte[] of(ByteBuf b) {
            byte[] bytes = new byte[b.readableBytes()];
            b.getBytes(b.readerIndex(), bytes);
            return bytes;
        }
    }
}
