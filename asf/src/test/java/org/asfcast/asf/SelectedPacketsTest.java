package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-selection rewrite and the bitrate objects, on an FFmpeg-made multiple-bit-rate file
 * (research §3.4: stream 1 WMV2 320x240 600k, stream 2 WMV2 160x120 150k, stream 3 WMAv2 64k).
 */
class SelectedPacketsTest {

    @TempDir
    Path dir;

    static Path mbrFile(Path dir) {
        return Ffmpeg.multipleBitRate(dir.resolve("mbr.wmv"), 8);
    }

    @Test
    void keepsTheSelectedPayloadsByteForByteInAShorterPacket() throws Exception {
        Path file = mbrFile(dir);
        SelectedPackets low = new SelectedPackets(Set.of(2, 3), 127);
        int packets = 0;
        int placeholders = 0;
        int compacted = 0;
        long inBytes = 0;
        long outBytes = 0;
        try (AsfReader reader = AsfReader.open(file)) {
            int size = reader.packetSize();
            for (Optional<byte[]> next; (next = reader.nextPacketBytes()).isPresent(); ) {
                byte[] packet = next.get();
                DataPacket parsed = DataPacket.parse(packet);
                byte[] out = low.rewrite(packet, parsed);
                packets++;
                inBytes += packet.length;
                outBytes += out.length;
                assertThat(out.length).isLessThanOrEqualTo(size);
                // Players pad a short $D back to the packet size with zeros.
                DataPacket again = DataPacket.parse(Arrays.copyOf(out, size), 0, size, 0);
                assertThat(again.sendTime()).isEqualTo(parsed.sendTime());
                assertThat(again.duration()).isEqualTo(parsed.duration());
                assertThat(again.propertyFlags()).isEqualTo(parsed.propertyFlags());
                assertThat(again.errorCorrectionFlags()).isEqualTo(parsed.errorCorrectionFlags());
                assertThat(again.packetLength() == 0 ? size : again.packetLength()).isEqualTo(out.length);
                List<Payload> expected = parsed.payloads().stream().filter(p -> p.streamNumber() != 1).toList();
                if (expected.isEmpty()) {
                    placeholders++;
                    assertThat(again.payloads()).singleElement()
                            .satisfies(p -> assertThat(p.streamNumber()).isEqualTo(127));
                    assertThat(out.length).isLessThan(32);
                    continue;
                }
                if (expected.size() < parsed.payloads().size()) {
                    compacted++;
                }
                assertThat(again.payloads()).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    Payload a = again.payloads().get(i);
                    Payload e = expected.get(i);
                    assertThat(a.streamNumber()).isEqualTo(e.streamNumber());
                    assertThat(a.keyFrame()).isEqualTo(e.keyFrame());
                    assertThat(a.mediaObjectNumber()).isEqualTo(e.mediaObjectNumber());
                    assertThat(a.offset()).isEqualTo(e.offset());
                    assertThat(a.objectSize()).isEqualTo(e.objectSize());
                    assertThat(a.presentationTime()).isEqualTo(e.presentationTime());
                    assertThat(a.replicatedData()).isEqualTo(e.replicatedData());
                    assertThat(a.data()).isEqualTo(e.data());
                }
            }
        }
        assertThat(packets).isGreaterThan(100);
        assertThat(placeholders).as("packets holding only stream 1").isPositive();
        assertThat(compacted).as("packets losing some payloads").isPositive();
        // Stream 1 is 600 of the 814 kbit/s: the low selection is well under half the bytes.
        assertThat((double) outBytes / inBytes).as("bytes kept for {2,3}").isLessThan(0.5);
    }

    @Test
    void keepingEveryStreamOnlyDropsThePadding() throws Exception {
        Path file = mbrFile(dir);
        SelectedPackets all = new SelectedPackets(Set.of(1, 2, 3), 127);
        try (AsfReader reader = AsfReader.open(file)) {
            int size = reader.packetSize();
            for (Optional<byte[]> next; (next = reader.nextPacketBytes()).isPresent(); ) {
                byte[] packet = next.get();
                DataPacket parsed = DataPacket.parse(packet);
                byte[] out = all.rewrite(packet, parsed);
                DataPacket again = DataPacket.parse(Arrays.copyOf(out, size), 0, size, 0);
                assertThat(out.length).isLessThanOrEqualTo(size - (int) parsed.paddingLength() + 2);
                assertThat(again.payloads()).hasSameSizeAs(parsed.payloads());
                for (int i = 0; i < parsed.payloads().size(); i++) {
                    assertThat(again.payloads().get(i).data()).isEqualTo(parsed.payloads().get(i).data());
                }
            }
        }
    }

    @Test
    void bitrateObjectsDescribeEachStreamAndFfmpegStillReadsTheFile() throws Exception {
        Path file = mbrFile(dir);
        byte[] original = Files.readAllBytes(file);
        AsfHeader header;
        int headerLength;
        try (AsfReader reader = AsfReader.open(file)) {
            header = reader.header();
            headerLength = reader.headerBytes().length;
        }
        assertThat(header.streamBitrates()).as("FFmpeg writes no Stream Bitrate Properties").isEmpty();
        Map<Integer, Long> measured = BitrateObjects.measure(file);
        assertThat(measured).as("measured").containsOnlyKeys(1, 2, 3).allSatisfy((k, v) -> assertThat(v).isPositive());
        AsfHeader enriched = BitrateObjects.added(header, measured);
        byte[] bytes = enriched.toBytes();
        AsfHeader again = AsfHeader.parse(bytes);
        assertThat(again.objects()).hasSize(header.objects().size() + 2);
        assertThat(again.objects().get(again.objects().indexOf(again.fileProperties()) + 1))
                .isInstanceOf(StreamBitrateProperties.class);
        StreamBitrateProperties rates = again.streamBitrates().orElseThrow();
        assertThat(rates.records()).extracting(StreamBitrateProperties.BitrateRecord::streamNumber)
                .containsExactly(1, 2, 3);
        long high = rates.records().get(0).averageBitrate();
        long lowRate = rates.records().get(1).averageBitrate();
        assertThat(high).isBetween(350_000L, 900_000L);
        assertThat(lowRate).isBetween(60_000L, 250_000L);
        assertThat(rates.records().get(2).averageBitrate()).as("from the WaveFormat").isBetween(60_000L, 70_000L);
        UnknownObject exclusion = again.objects().stream().filter(UnknownObject.class::isInstance)
                .map(UnknownObject.class::cast).filter(o -> o.guid().equals(AsfGuids.BITRATE_MUTUAL_EXCLUSION))
                .findFirst().orElseThrow();
        byte[] body = exclusion.body();
        assertThat(Guid.read(body, 0)).isEqualTo(AsfGuids.MUTEX_BITRATE);
        assertThat(Arrays.copyOfRange(body, 16, 22)).containsExactly(2, 0, 1, 0, 2, 0);
        int added = bytes.length - headerLength;
        assertThat(added).isEqualTo(26 + 6 * 3 + 24 + 16 + 2 + 4);
        assertThat(again.fileProperties().fileSize()).isEqualTo(header.fileProperties().fileSize() + added);
        assertThat(BitrateObjects.added(again, Map.of())).as("nothing more to add").isSameAs(again);

        Path rewritten = dir.resolve("enriched.wmv");
        byte[] whole = new byte[original.length + added];
        System.arraycopy(bytes, 0, whole, 0, bytes.length);
        System.arraycopy(original, headerLength, whole, bytes.length, original.length - headerLength);
        Files.write(rewritten, whole);
        assertThat(whole.length).isEqualTo(again.fileProperties().fileSize());
        ProcessRun run = ProcessRun.run(Duration.ofMinutes(1), dir, List.of(Tools.ffmpeg().toString(), "-nostdin",
                "-v", "error", "-i", rewritten.toString(), "-map", "0", "-f", "framemd5", "-"));
        ProcessRun reference = ProcessRun.run(Duration.ofMinutes(1), dir, List.of(Tools.ffmpeg().toString(),
                "-nostdin", "-v", "error", "-i", file.toString(), "-map", "0", "-f", "framemd5", "-"));
        assertThat(run.exitCode()).as("ffmpeg: %s", run.stderr()).isZero();
        assertThat(run.stderr()).isBlank();
        assertThat(frames(run)).isEqualTo(frames(reference)).hasSizeGreaterThan(400);
    }

    private static List<String> frames(ProcessRun run) {
        return new ArrayList<>(run.stdout().lines().filter(l -> !l.startsWith("#")).toList());
    }
}
