package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A disk that fills up while the file is written, or while it is finished: the file is left finished all the same. */
class AsfFileWriterFullDiskTest {

    private static final int PACKET = 3200;

    @TempDir
    static Path dir;
    static AsfHeader header;
    static List<byte[]> packets = new ArrayList<>();

    /** 30 s of MJPEG and PCM in 3,200-byte packets: several of the writer's 256 KiB buffers. */
    @BeforeAll
    static void source() throws Exception {
        Path file = dir.resolve("source.asf");
        WrittenFiles.writeMjpegPcm(file, 300, 10, 160, 120, PACKET);
        try (AsfReader reader = AsfReader.open(file)) {
            header = reader.header();
            for (Optional<byte[]> p; (p = reader.nextPacketBytes()).isPresent(); ) {
                packets.add(p.get());
            }
        }
        assertThat((long) packets.size() * PACKET).isGreaterThan(1L << 20);
    }

    /** Writes every packet until the disk is full; returns how many were handed over. */
    private static int writeUntilFull(AsfFileWriter writer) throws Exception {
        for (int i = 0; i < packets.size(); i++) {
            try {
                writer.writePacket(packets.get(i));
            } catch (IOException full) {
                assertThat(full).hasMessageContaining("No space left");
                return i;
            }
        }
        return packets.size();
    }

    /** What a finished file must be: whole packets only, real counts and sizes, an index, Seekable, no Broadcast. */
    private static long assertFinished(byte[] file) throws Exception {
        try (AsfReader reader = AsfReader.of(new ByteArrayChannel(file))) {
            FileProperties fp = reader.header().fileProperties();
            assertThat(fp.flags() & FileProperties.BROADCAST).as("Broadcast flag").isZero();
            assertThat(fp.flags() & FileProperties.SEEKABLE).as("Seekable flag").isNotZero();
            assertThat(fp.fileSize()).as("file size in the header").isEqualTo(file.length);
            assertThat(reader.simpleIndexes()).as("Simple Index").hasSize(1);
            long count = reader.packetCount().orElseThrow();
            assertThat(fp.dataPacketsCount()).isEqualTo(count);
            long read = 0;
            for (Optional<byte[]> p; (p = reader.nextPacketBytes()).isPresent(); ) {
                assertThat(p.get()).as("packet %d", read).isEqualTo(packets.get((int) read));
                read++;
            }
            assertThat(read).as("whole packets read").isEqualTo(count);
            long index = file.length - (reader.headerBytes().length + DataObjectHeader.SIZE + count * PACKET);
            assertThat(index).as("bytes after the packets: the index only").isEqualTo(
                    reader.simpleIndexes().get(0).toBytes().length);
            for (SimpleIndex.Entry e : reader.simpleIndexes().get(0).entries()) {
                assertThat(e.packetNumber()).as("index entry within the kept packets").isLessThan(count);
            }
            return count;
        }
    }

    @Test
    void aDiskThatFillsMidwayLeavesTheWholePacketsThatReachedItFinished() throws Exception {
        long capacity = packets.size() * PACKET / 2 + 1234; // not a packet boundary: the last packet on disk is partial
        FullDiskChannel disk = new FullDiskChannel(capacity);
        AsfFileWriter writer = new AsfFileWriter(disk, header);
        int handed = writeUntilFull(writer);
        assertThat(handed).isLessThan(packets.size());
        assertThatThrownBy(() -> writer.writePacket(packets.get(handed))).isInstanceOf(IllegalStateException.class);
        writer.close();
        long kept = assertFinished(disk.contents());
        assertThat(writer.packets()).isEqualTo(kept);
        // Only what did not fit is lost: less than one packet's room plus the index.
        assertThat(capacity - disk.contents().length).isLessThan(PACKET);
        assertThat(writer.durationMillis()).isBetween(kept * 1000 / packets.size() * 30 - 1500, kept * 1000 / packets.size() * 30 + 1500);
    }

    @Test
    void noRoomForTheIndexDropsTrailingPacketsUntilItFits() throws Exception {
        FullDiskChannel roomy = new FullDiskChannel(Long.MAX_VALUE);
        AsfFileWriter all = new AsfFileWriter(roomy, header);
        for (byte[] p : packets) {
            all.writePacket(p);
        }
        all.close();
        int full = roomy.contents().length;
        // Room for every packet but not for the index behind them.
        FullDiskChannel disk = new FullDiskChannel(full - 10);
        AsfFileWriter writer = new AsfFileWriter(disk, header);
        assertThat(writeUntilFull(writer)).isEqualTo(packets.size());
        writer.close();
        long kept = assertFinished(disk.contents());
        assertThat(kept).isLessThan(packets.size()).isGreaterThan(packets.size() - 2L * (1 << 18) / PACKET);
    }
}
