package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.asfcast.asf.ArchiveFile;
import org.asfcast.netsink.wire.ChunkFramer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ArchiveMapping} and {@link MappedFeed} over FFmpeg's file, in windows of a few packets. */
class ArchiveMappingTest {

    @TempDir
    Path dir;
    Path path;
    byte[] bytes;
    ArchiveFile file;

    @BeforeEach
    void copyFixture() throws Exception {
        bytes = getClass().getResourceAsStream("/fixtures/ffmpeg-wmv2-wmav2.asf").readAllBytes();
        path = Files.write(dir.resolve("a.wmv"), bytes);
        file = ArchiveFile.open(path);
        assertThat(file.packetCount()).isGreaterThan(10);
    }

    private byte[] packetOnDisk(long packet) {
        int from = (int) file.filePosition(packet);
        return Arrays.copyOfRange(bytes, from, from + file.packetSize());
    }

    @Test
    void everyPacketIsTheFilesInWindowsOfThreePackets() throws Exception {
        ArchiveMapping mapping = ArchiveMapping.of(file, 3L * file.packetSize() + 1);
        for (long p = 0; p < file.packetCount(); p++) {
            ByteBuf packet = mapping.packet(p);
            assertThat(ByteBufUtil.getBytes(packet)).as("packet %d", p).isEqualTo(packetOnDisk(p));
            packet.release();
        }
    }

    @Test
    void rangesStopAtTheWindowAndTheLastPacket() throws Exception {
        ArchiveMapping mapping = ArchiveMapping.of(file, 3L * file.packetSize());
        assertThat(mapping.load(1, 10)).isEqualTo(2); // packets 1 and 2: the window holds 0-2
        assertThat(mapping.isResident(1, 10)).isEqualTo(2); // just read: resident
        assertThat(mapping.load(3, 10)).isEqualTo(3);
        long last = file.packetCount() - 1;
        assertThat(mapping.load(last, 10)).isEqualTo(1);
        assertThatThrownBy(() -> mapping.isResident(file.packetCount(), 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void theFeedFramesEachPacketAsTheBroadcastDoes() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        ArchiveMapping mapping = ArchiveMapping.of(file, 4L * file.packetSize());
        MappedFeed feed = new MappedFeed(mapping, Runnable::run, channel);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        long written = 0;
        for (long p = 0; p < file.packetCount(); ) {
            int ready = feed.ready(p);
            if (ready == 0) {
                AtomicReference<Exception> failure = new AtomicReference<>(new IllegalStateException("not called"));
                feed.fetch(p, failure::set);
                channel.runPendingTasks();
                assertThat(failure.get()).isNull();
                continue;
            }
            assertThat(ready).isLessThanOrEqualTo((int) (file.packetCount() - p));
            int run = Math.min(ready, 5);
            written += feed.write(p, run);
            for (int i = 0; i < run; i++) {
                expected.write(ChunkFramer.dataChunk(packetOnDisk(p + i), p + i));
            }
            p += run;
        }
        assertThat(feed.ready(file.packetCount())).isZero();
        channel.flush();
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
            sent.write(ByteBufUtil.getBytes(b));
            b.release();
        }
        assertThat(sent.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(written).isEqualTo(expected.size());
        channel.finishAndReleaseAll();
    }

    @Test
    void aFileThatShrankUnderTheMappingFailsTheLoadNotTheServer() throws Exception {
        ArchiveMapping mapping = ArchiveMapping.of(file);
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            raf.setLength(file.filePosition(1));
        }
        assertThatThrownBy(() -> mapping.load(2, 1_000_000)).isInstanceOf(IOException.class)
                .hasMessageContaining("shrank");
    }
}
