package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ArchiveFile} over files FFmpeg makes in the test: the index agrees with a re-parse of
 * the packets, the served header with ffprobe, and damaged files fail with a sentence.
 */
@Tag("interop")
class ArchiveFileInteropTest {

    @TempDir
    Path dir;

    private Path video() {
        return Ffmpeg.make(dir.resolve("clip.wmv"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440", "-t", "40", "-c:v", "wmv2", "-g", "50", "-b:v", "300k",
                "-c:a", "wmav2", "-b:a", "64k", "-metadata", "title=  A clip ", "-f", "asf");
    }

    @Test
    void bitrateObjectsAreAddedFromTheScanWithoutTouchingPacketsOrTheFilesOwnHeader() throws Exception {
        Path file = Ffmpeg.multipleBitRate(dir.resolve("mbr.wmv"), 8);
        ArchiveFile archive = ArchiveFile.open(file);
        assertThat(archive.measuredBitrates()).as("the scan measures as BitrateObjects.measure does")
                .isEqualTo(BitrateObjects.measure(file));
        ArchiveFile described = archive.withBitrateObjects();
        assertThat(archive.withBitrateObjects()).as("made once").isSameAs(described);
        assertThat(archive.servedHeader()).as("the plain one is the file's own")
                .isEqualTo(Arrays.copyOf(Files.readAllBytes(file), (int) archive.dataOffset()));
        byte[] served = described.servedHeader();
        AsfHeader header = AsfHeader.parse(Arrays.copyOf(served, served.length - DataObjectHeader.SIZE));
        assertThat(header).isEqualTo(described.header())
                .isEqualTo(BitrateObjects.added(archive.header(), BitrateObjects.measure(file)));
        assertThat(header.streamBitrates()).isPresent();
        assertThat(header.objects()).anyMatch(o -> o.guid().equals(AsfGuids.BITRATE_MUTUAL_EXCLUSION));
        assertThat(Arrays.copyOfRange(served, served.length - DataObjectHeader.SIZE, served.length)).as("Data Object header")
                .isEqualTo(Arrays.copyOfRange(archive.servedHeader(), (int) archive.dataOffset() - DataObjectHeader.SIZE,
                        (int) archive.dataOffset()));
        assertThat(described.dataOffset()).isEqualTo(archive.dataOffset());
        assertThat(described.packetCount()).isEqualTo(archive.packetCount());
        assertThat(described.packetForTime(3_000, Set.of())).isEqualTo(archive.packetForTime(3_000, Set.of()));
        assertThat(described.withBitrateObjects()).as("nothing more to add").isSameAs(described);
    }

    @Test
    void videoFileIsCountedTimedAndSeekedToKeyFrames() throws Exception {
        Path file = video();
        ArchiveFile archive = ArchiveFile.open(file);
        int size = archive.packetSize();
        long expectedCount;
        try (AsfReader reader = AsfReader.open(file)) {
            expectedCount = reader.packetCount().orElseThrow();
            assertThat(archive.servedHeader()).isEqualTo(Arrays.copyOf(Files.readAllBytes(file),
                    (int) archive.dataOffset()));
        }
        assertThat(archive.packetCount()).isEqualTo(expectedCount);
        assertThat(archive.filePosition(7)).isEqualTo(archive.dataOffset() + 7L * size);
        assertThat(archive.durationMillis()).isCloseTo(probedDurationMillis(file), within(100L));
        assertThat(archive.title()).contains("A clip");
        assertThat(archive.bitsPerSecond()).isBetween(300_000L, 500_000L);

        Set<Integer> all = Set.of();
        IntPredicate videoStream = stream -> archive.header().stream(stream).orElseThrow().isVideo();
        long target = 30_000 + archive.preroll();
        long packet = archive.packetForTime(30_000, all);
        assertThat(packet).isEqualTo(lastStartAtOrBefore(file, videoStream, true, target));
        assertThat(keyStarts(file, videoStream, true).stream().filter(s -> s[0] == packet).findFirst())
                .hasValueSatisfying(s -> assertThat(s[1]).isLessThanOrEqualTo(target));
        assertThat(keyStarts(file, videoStream, true).stream().filter(s -> s[0] > packet).findFirst())
                .hasValueSatisfying(s -> assertThat(s[1]).isGreaterThan(target));
        assertThat(archive.packetForTime(30_000, Set.of(99))).isEqualTo(packet); // no such stream: as for all
        // Key frames every 2 s: packet-num lands on the same key-frame packet from anywhere inside its GOP.
        assertThat(archive.packetForNumber(packet + 3, all)).isEqualTo(packet);
        assertThat(archive.packetForTime(-5, all)).isZero();
        assertThat(archive.packetForTime(Long.MAX_VALUE, all)).isBetween(0L, expectedCount - 1);
        assertThat(archive.packetForOffset(113L * size)).isEqualTo(113);
        assertThat(archive.packetForOffset(113L * size + size - 1)).isEqualTo(113);
        assertThat(archive.packetForOffset(Long.MAX_VALUE)).isEqualTo(expectedCount - 1);
        assertThat(archive.packetForOffset(-1)).isZero();
        assertThat(archive.packetForNumber(Long.MAX_VALUE, all)).isBetween(0L, expectedCount - 1);
        assertThat(archive.sendTime(packet)).isLessThanOrEqualTo(target);
    }

    @Test
    void audioOnlyFileWithoutSimpleIndexStartsAtTheObjectBeforeTheTime() throws Exception {
        Path made = Ffmpeg.make(dir.resolve("a.wma"), "-f", "lavfi", "-i", "sine=frequency=300:duration=20",
                "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
        Path file = dir.resolve("noindex.wma");
        long dataEnd;
        try (AsfReader reader = AsfReader.open(made)) {
            dataEnd = reader.position() + reader.packetCount().orElseThrow() * reader.packetSize();
        }
        byte[] bytes = Files.readAllBytes(made);
        Files.write(file, Arrays.copyOf(bytes, (int) dataEnd)); // FFmpeg writes a Simple Index only for video
        try (AsfReader reader = AsfReader.open(file)) {
            assertThat(reader.simpleIndexes()).isEmpty();
        }
        ArchiveFile archive = ArchiveFile.open(file);
        long target = 10_000 + archive.preroll();
        assertThat(archive.packetForTime(10_000, Set.of()))
                .isEqualTo(lastStartAtOrBefore(file, stream -> true, false, target));
        assertThat(archive.durationMillis()).isCloseTo(probedDurationMillis(file), within(100L));
    }

    @Test
    void damagedFilesFailWithASentence() throws Exception {
        Path good = video();
        byte[] bytes = Files.readAllBytes(good);
        ArchiveFile archive = ArchiveFile.open(good);
        int size = archive.packetSize();
        int data = (int) archive.dataOffset();

        assertFails(write("empty.wmv", new byte[0]), "is empty");
        assertFails(write("text.wmv", "hello, not a video\n".repeat(20).getBytes()), "not ASF");
        assertFails(write("cut-header.wmv", Arrays.copyOf(bytes, 200)), "ends inside");

        AsfHeader header = AsfHeader.parse(bytes);
        FileProperties fp = header.fileProperties();
        FileProperties twoSizes = new FileProperties(fp.fileId(), fp.fileSize(), fp.creationDate(),
                fp.dataPacketsCount(), fp.playDuration(), fp.sendDuration(), fp.preroll(), fp.flags(),
                fp.maxPacketSize() - 100, fp.maxPacketSize(), fp.maxBitrate());
        assertFails(write("two-sizes.wmv", withHeader(bytes, header.withFileProperties(twoSizes))),
                "more than one size");

        byte[] garbled = bytes.clone();
        long garbledAt = data + 50L * size;
        garbled[(int) garbledAt] = (byte) 0xE0; // error correction with a reserved length type
        assertThatThrownBy(() -> ArchiveFile.open(write("garbled.wmv", garbled)))
                .isInstanceOf(AsfFormatException.class)
                .hasMessageContaining("packet 50 at file offset " + garbledAt + " does not parse");

        // A file cut inside packet 100 is not an error: the packets end at 100, the served header says so.
        ArchiveFile cut = ArchiveFile.open(write("cut.wmv", Arrays.copyOf(bytes, data + 100 * size + 17)));
        assertThat(cut.packetCount()).isEqualTo(100);
        AsfHeader served = AsfHeader.parse(cut.servedHeader());
        assertThat(served.fileProperties().dataPacketsCount()).isEqualTo(100);
        assertThat(served.fileProperties().fileSize()).isEqualTo(data + 100L * size);
        DataObjectHeader dataObject = DataObjectHeader.parse(cut.servedHeader(), data - 50, data - 50);
        assertThat(dataObject.objectSize()).isEqualTo(50 + 100L * size);
        assertThat(dataObject.totalPackets()).isEqualTo(100);
    }

    @Test
    void recordingCutShortIsServedWithTheScannedTotals() throws Exception {
        Path good = video();
        byte[] bytes = Files.readAllBytes(good);
        ArchiveFile original = ArchiveFile.open(good);
        int data = (int) original.dataOffset();
        int size = original.packetSize();
        AsfHeader header = AsfHeader.parse(bytes);
        FileProperties fp = header.fileProperties();
        AsfHeader recording = header.withFileProperties(fp.withTotals(0, 0, 0, 0).withFlags(FileProperties.BROADCAST));
        long packets = original.packetCount() - 1; // and half of the last one, cut
        byte[] head = recording.toBytes();
        byte[] file = new byte[(int) (head.length + 50 + packets * size + size / 2)];
        System.arraycopy(head, 0, file, 0, head.length);
        System.arraycopy(DataObjectHeader.live(fp.fileId()).toBytes(), 0, file, head.length, 50);
        System.arraycopy(bytes, data, file, head.length + 50, (int) (packets * size + size / 2));

        ArchiveFile archive = ArchiveFile.open(write("recording.wmv", file));
        assertThat(archive.packetCount()).isEqualTo(packets);
        FileProperties served = archive.header().fileProperties();
        assertThat(served.isBroadcast()).isFalse();
        assertThat(served.isSeekable()).isTrue();
        assertThat(served.dataPacketsCount()).isEqualTo(packets);
        assertThat(archive.durationMillis()).isCloseTo(original.durationMillis(), within(300L));

        byte[] servedFile = Arrays.copyOf(archive.servedHeader(), (int) (archive.dataOffset() + packets * size));
        System.arraycopy(file, head.length + 50, servedFile, (int) archive.dataOffset(), (int) (packets * size));
        Path out = write("served.wmv", servedFile);
        assertThat(probedDurationMillis(out)).isPositive().isCloseTo(archive.durationMillis(), within(100L));
    }

    @Test
    void multipleBitRateFileIsIndexedPerVideoStream() throws Exception {
        Path file = Ffmpeg.make(dir.resolve("mbr.wmv"), "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine", "-t", "30", "-filter_complex", "[0:v]split=2[a][b];[b]scale=160:120[b2]",
                "-map", "[a]", "-map", "[b2]", "-map", "1:a", "-c:v", "wmv2", "-b:v:0", "600k", "-b:v:1", "150k",
                "-g", "25", "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
        ArchiveFile archive = ArchiveFile.open(file);
        List<Integer> video = archive.header().streams().stream().filter(StreamProperties::isVideo)
                .map(StreamProperties::streamNumber).toList();
        assertThat(video).hasSize(2);
        long target = 20_000 + archive.preroll();
        long first = lastStartAtOrBefore(file, s -> s == video.get(0), true, target);
        long second = lastStartAtOrBefore(file, s -> s == video.get(1), true, target);
        assertThat(archive.packetForTime(20_000, Set.of(video.get(0)))).isEqualTo(first);
        assertThat(archive.packetForTime(20_000, Set.of(video.get(1)))).isEqualTo(second);
        // Both selected: the earlier of the two, so that each stream starts with a whole picture.
        assertThat(archive.packetForTime(20_000, Set.copyOf(video))).isEqualTo(Math.min(first, second));
    }

    private void assertFails(Path file, String problem) {
        assertThatThrownBy(() -> ArchiveFile.open(file)).isInstanceOf(AsfFormatException.class)
                .hasMessageContaining(problem);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] withHeader(byte[] file, AsfHeader header) {
        byte[] head = header.toBytes();
        byte[] result = file.clone();
        System.arraycopy(head, 0, result, 0, head.length);
        return result;
    }

    /** Every (packet, presentation time) where an object of a chosen stream starts (a key frame if asked). */
    private static List<long[]> keyStarts(Path file, IntPredicate streams, boolean keyOnly) throws Exception {
        List<long[]> result = new java.util.ArrayList<>();
        try (AsfReader reader = AsfReader.open(file)) {
            for (long number = 0; ; number++) {
                var packet = reader.nextPacket();
                if (packet.isEmpty()) {
                    return result;
                }
                for (Payload p : packet.get().payloads()) {
                    if (streams.test(p.streamNumber()) && p.offset() == 0 && (!keyOnly || p.keyFrame())) {
                        result.add(new long[] {number, p.presentationTime()});
                    }
                }
            }
        }
    }

    private static long lastStartAtOrBefore(Path file, IntPredicate streams, boolean keyOnly, long time)
            throws Exception {
        long found = 0;
        for (long[] start : keyStarts(file, streams, keyOnly)) {
            if (start[1] <= time) {
                found = start[0];
            }
        }
        return found;
    }

    private static long probedDurationMillis(Path file) {
        ProcessRun run = ProcessRun.succeed(Duration.ofMinutes(1), file.toAbsolutePath().getParent(), List.of(
                Tools.ffprobe().toString(), "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                file.toString()));
        return Math.round(Double.parseDouble(run.stdout().trim()) * 1000);
    }
}
