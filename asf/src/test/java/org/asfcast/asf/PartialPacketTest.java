package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An input that ends inside a packet is read up to its last whole packet, and the cut is reported. */
class PartialPacketTest {

    static byte[] file;
    static List<byte[]> packets;
    static long dataStart;
    static int packetSize;

    @BeforeAll
    static void fixture() throws Exception {
        file = PartialPacketTest.class.getResourceAsStream("/fixtures/ffmpeg-wmv2-wmav2.asf").readAllBytes();
        try (AsfReader reader = AsfReader.of(new ByteArrayChannel(file))) {
            packets = all(reader);
            dataStart = reader.headerBytes().length + DataObjectHeader.SIZE;
            packetSize = reader.packetSize();
            assertThat(reader.partialPacket()).isEmpty();
        }
        assertThat(packets.size()).isGreaterThan(10);
    }

    @Test
    void aFinishedFileCutInsideAPacketPlaysItsWholePackets() throws Exception {
        byte[] cut = Arrays.copyOf(file, (int) (dataStart + 7L * packetSize + packetSize / 3));
        try (AsfReader reader = AsfReader.of(new ByteArrayChannel(cut))) {
            assertThat(reader.partialPacket()).contains(new PartialPacket(7, dataStart + 7L * packetSize, packetSize / 3,
                    (long) packets.size() * packetSize - 7L * packetSize - packetSize / 3));
            assertThat(reader.packetCount()).contains(7L);
            assertSamePackets(all(reader), 7);
        }
    }

    @Test
    void aFinishedFileCutBetweenPacketsSaysHowMuchIsMissing() throws Exception {
        byte[] cut = Arrays.copyOf(file, (int) (dataStart + 3L * packetSize));
        try (AsfReader reader = AsfReader.of(new ByteArrayChannel(cut))) {
            assertThat(reader.partialPacket()).contains(new PartialPacket(3, dataStart + 3L * packetSize, 0,
                    (long) (packets.size() - 3) * packetSize));
            assertThat(all(reader).size()).isEqualTo(3);
        }
    }

    @Test
    void anUnfinishedRecordingCutInsideAPacketPlaysItsWholePackets() throws Exception {
        byte[] unfinished = Arrays.copyOf(file, (int) (dataStart + 5L * packetSize + packetSize / 2));
        // What a writer that never finished leaves: Data Object size unknown (0).
        LittleEndian.put64(unfinished, (int) dataStart - DataObjectHeader.SIZE + 16, 0);
        try (AsfReader reader = AsfReader.of(new ByteArrayChannel(unfinished))) {
            assertThat(reader.packetCount()).isEmpty();
            assertSamePackets(all(reader), 5);
            assertThat(reader.partialPacket()).contains(new PartialPacket(5, dataStart + 5L * packetSize, packetSize / 2, 0));
            assertThat(reader.nextPacketBytes()).isEmpty();
        }
    }

    @Test
    void aStreamThatEndsInsideAPacketEndsAtItsLastWholePacket() throws Exception {
        byte[] cut = Arrays.copyOf(file, (int) (dataStart + 4L * packetSize + 10));
        try (AsfReader reader = AsfReader.of(new ByteArrayInputStream(cut))) {
            assertThat(all(reader).size()).isEqualTo(4);
            assertThat(reader.partialPacket()).contains(new PartialPacket(4, dataStart + 4L * packetSize, 10, 0));
        }
    }

    private static void assertSamePackets(List<byte[]> read, int count) {
        assertThat(read.size()).isEqualTo(count);
        for (int i = 0; i < count; i++) {
            assertThat(Arrays.equals(read.get(i), packets.get(i))).as("packet %d is the file's", i).isTrue();
        }
    }

    private static List<byte[]> all(AsfReader reader) throws Exception {
        List<byte[]> result = new ArrayList<>();
        for (Optional<byte[]> next; (next = reader.nextPacketBytes()).isPresent(); ) {
            result.add(next.get());
        }
        return result;
    }
}
