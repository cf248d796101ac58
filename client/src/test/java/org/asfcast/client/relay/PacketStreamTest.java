package org.asfcast.client.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataObjectHeader;
import org.asfcast.asf.LiveProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One connection to the origin read as the raw ASF an encoder's pipe would carry. */
class PacketStreamTest {

    private static byte[] header;
    private static List<byte[]> packets;

    @BeforeAll
    static void theFixture() throws Exception {
        try (InputStream in = PacketStreamTest.class.getResourceAsStream("/fixtures/ffmpeg-wmv2-wmav2.asf")) {
            AsfReader reader = AsfReader.of(in);
            header = LiveProfile.streamStart(reader.header()); // as an origin sends it: a broadcast, packets until the end
            packets = new ArrayList<>();
            for (Optional<byte[]> p; (p = reader.nextPacketBytes()).isPresent(); ) {
                packets.add(p.get());
            }
        }
    }

    /** Yields the items, then ends, or fails with {@code failure} when it is not null. */
    private static UpstreamPackets of(List<UpstreamPackets.Item> items, IOException failure) {
        Deque<UpstreamPackets.Item> left = new ArrayDeque<>(items);
        return () -> {
            if (left.isEmpty() && failure != null) {
                throw failure;
            }
            return Optional.ofNullable(left.poll());
        };
    }

    private static List<UpstreamPackets.Item> items(List<byte[]> list) {
        return list.stream().map(p -> new UpstreamPackets.Item(null, p.clone(), p.length)).toList();
    }

    @Test
    void theReaderSeesTheHeaderAndEveryPacket() throws Exception {
        PacketStream stream = new PacketStream(header, of(items(packets), null));
        AsfReader reader = AsfReader.of(stream);
        int n = 0;
        for (Optional<byte[]> p; (p = reader.nextPacketBytes()).isPresent(); n++) {
            assertThat(p.get()).isEqualTo(packets.get(n));
        }
        assertThat(n).isEqualTo(packets.size());
        assertThat(reader.following()).isEmpty();
        assertThat(stream.failure()).isEmpty();
        assertThat(stream.bytesIn()).isEqualTo(header.length + (long) packets.size() * packets.get(0).length);
    }

    @Test
    void aHeaderOfTheOriginsChangeComesBeforeItsFirstPacket() throws Exception {
        List<UpstreamPackets.Item> items = new ArrayList<>(items(packets.subList(0, 3)));
        byte[] changed = header.clone();
        changed[30 + 24] ^= 1; // another File ID: another header
        items.add(new UpstreamPackets.Item(changed, packets.get(3).clone(), packets.get(3).length));
        AsfReader reader = AsfReader.of(new PacketStream(header, of(items, null)));
        for (int i = 0; i < 3; i++) {
            assertThat(reader.nextPacketBytes()).isPresent();
        }
        assertThat(reader.nextPacketBytes()).isEmpty();
        AsfReader next = reader.following().orElseThrow();
        assertThat(next.header().fileProperties().fileId()).isNotEqualTo(reader.header().fileProperties().fileId());
        assertThat(next.nextPacketBytes()).contains(packets.get(3));
    }

    @Test
    void aHeaderObjectAloneGetsItsDataObjectHeader() throws Exception {
        byte[] object = java.util.Arrays.copyOf(header, header.length - DataObjectHeader.SIZE);
        AsfReader reader = AsfReader.of(new PacketStream(object, of(items(packets.subList(0, 2)), null)));
        assertThat(reader.nextPacketBytes()).contains(packets.get(0));
        assertThat(PacketStream.complete(header)).isSameAs(header);
    }

    @Test
    void aBrokenOriginIsRememberedSoThatItIsToldFromAFailingSink() throws Exception {
        IOException cut = new IOException("cut off");
        PacketStream stream = new PacketStream(header, of(items(packets.subList(0, 1)), cut));
        AsfReader reader = AsfReader.of(stream);
        assertThat(reader.nextPacketBytes()).isPresent();
        assertThatThrownBy(reader::nextPacketBytes).isSameAs(cut);
        assertThat(stream.failure()).contains(cut);
    }

    @Test
    void aShortPacketIsCountedAsItWasSent() throws Exception {
        byte[] p = packets.get(0).clone();
        PacketStream stream = new PacketStream(header, of(List.of(new UpstreamPackets.Item(null, p, p.length - 10)), null));
        AsfReader.of(stream).nextPacketBytes();
        assertThat(stream.bytesIn()).isEqualTo(header.length + p.length - 10L);
    }
}
