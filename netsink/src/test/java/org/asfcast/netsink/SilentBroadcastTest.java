package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataPacket;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.client.ReceivedPacket;
import org.junit.jupiter.api.Test;

/**
 * A live source that stalls must not lose its players: while it sends nothing, the sink sends
 * keep-alive packets that every demuxer skips and that move no clock. Checked on the pure parts,
 * then over real sockets with a client whose read timeout is shorter than the silence.
 */
class SilentBroadcastTest {

    private static final long MS = 1_000_000;

    @Test
    void theKeepAlivePacketIsAValidPacketOfTheHeaderSizeOnAnUndeclaredStream() throws Exception {
        byte[] packet = KeepAlivePacket.of(3200, 12_345, Set.of(1, 2));
        assertThat(packet).hasSize(3200);
        DataPacket parsed = DataPacket.parse(packet);
        assertThat(parsed.sendTime()).isEqualTo(12_345);
        assertThat(parsed.duration()).isZero();
        assertThat(parsed.payloads()).singleElement().satisfies(p -> {
            assertThat(p.streamNumber()).isEqualTo(127);
            assertThat(p.keyFrame()).isFalse();
        });
    }

    @Test
    void theKeepAliveStreamIsOneTheHeaderLeavesFree() {
        assertThat(KeepAlivePacket.unusedStream(Set.of(1, 127))).isEqualTo(126);
        Set<Integer> all = IntStream.rangeClosed(1, 127).boxed().collect(Collectors.toSet());
        assertThatThrownBy(() -> KeepAlivePacket.unusedStream(all)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every stream number");
    }

    @Test
    void aFillIsDueAfterAnIntervalOfSilenceAndThenEveryInterval() {
        SilenceClock clock = new SilenceClock(2000 * MS);
        long t = -5_000 * MS; // nanoTime may be negative
        assertThat(clock.fillDue(t)).as("before any packet").isFalse();
        clock.packet(t);
        assertThat(clock.fillDue(t + 1999 * MS)).isFalse();
        assertThat(clock.fillDue(t + 2000 * MS)).isTrue();
        assertThat(clock.fillDue(t + 2500 * MS)).as("just filled").isFalse();
        assertThat(clock.fillDue(t + 4000 * MS)).isTrue();
        clock.packet(t + 4100 * MS);
        assertThat(clock.fillDue(t + 6000 * MS)).as("a packet came meanwhile").isFalse();
        assertThat(clock.fillDue(t + 6100 * MS)).isTrue();
        clock.reset();
        assertThat(clock.fillDue(t + 60_000 * MS)).as("a new header, no packet yet").isFalse();
    }

    @Test
    void overRealSocketsPlayersOfBothProtocolsStayThroughASilenceLongerThanTheirReadTimeout() throws Exception {
        byte[] file = getClass().getResourceAsStream("/fixtures/ffmpeg-wmv2-wmav2.asf").readAllBytes();
        byte[] header;
        List<byte[]> packets = new ArrayList<>();
        try (AsfReader reader = AsfReader.of(new ByteArrayInputStream(file))) {
            header = reader.headerBytes();
            for (Optional<byte[]> p; (p = reader.nextPacketBytes()).isPresent(); ) {
                packets.add(p.get());
            }
        }
        int half = packets.size() / 2;
        long lastSendTime = DataPacket.parse(packets.get(half - 1)).sendTime();
        NetworkSink sink = new NetworkSink(NetworkSinkConfig.builder().resolveNames(false).build());
        int port = sink.open(0);
        // Shorter than the silence: without keep-alive packets both clients give up.
        MmshClient client = MmshClient.create().withReadTimeout(Duration.ofMillis(NetworkSink.KEEP_ALIVE_MS * 2));
        try {
            sink.onHeader(ByteBuffer.wrap(header));
            for (int i = 0; i < half; i++) {
                sink.onDataUnit(ByteBuffer.wrap(packets.get(i)));
            }
            try (PlaySession wmsp = client.play(URI.create("mmsh://127.0.0.1:" + port + "/"));
                 PlaySession plain = client.withWmspOverHttp(false).play(URI.create("http://127.0.0.1:" + port + "/"))) {
                List<DataPacket> wmspGot = new ArrayList<>();
                List<DataPacket> plainGot = new ArrayList<>();
                long silentUntil = System.nanoTime() + 3 * NetworkSink.KEEP_ALIVE_MS * MS;
                while (System.nanoTime() < silentUntil) {
                    wmspGot.add(next(wmsp));
                    plainGot.add(next(plain));
                }
                for (List<DataPacket> got : List.of(wmspGot, plainGot)) {
                    List<DataPacket> fills = got.stream().filter(p -> p.payloads().get(0).streamNumber() == 127)
                            .toList();
                    assertThat(fills).as("keep-alive packets during %d ms of silence", 3 * NetworkSink.KEEP_ALIVE_MS)
                            .hasSizeBetween(2, 4)
                            .allSatisfy(p -> assertThat(p.sendTime()).isEqualTo(lastSendTime));
                }
                // The source resumes: the next packet is the broadcast's own, as if nothing happened.
                sink.onDataUnit(ByteBuffer.wrap(packets.get(half)));
                long resumed = DataPacket.parse(packets.get(half)).sendTime();
                assertThat(next(wmsp).sendTime()).isEqualTo(resumed);
                assertThat(next(plain).sendTime()).isEqualTo(resumed);
                assertThat(sink.laggardsDropped()).isZero();
            }
        } finally {
            sink.close();
        }
    }

    private static DataPacket next(PlaySession play) throws Exception {
        ReceivedPacket p = play.nextPacket().orElseThrow(() -> new AssertionError("the stream ended"));
        return p.parse();
    }
}
