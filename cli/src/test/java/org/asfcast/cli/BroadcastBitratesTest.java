package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.asfcast.asf.AsfGuids;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.BitrateObjects;
import org.asfcast.asf.DataObjectHeader;
import org.asfcast.asf.StreamBitrateProperties;
import org.asfcast.asf.testing.Ffmpeg;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broadcast's header with bitrate objects: from measured rates, from the header alone, and left alone when complete. */
@Tag("interop")
class BroadcastBitratesTest {

    @TempDir
    Path dir;

    @Test
    void measuredRatesGoInAndWhatFollowsTheHeaderObjectStays() throws Exception {
        Path file = Ffmpeg.multipleBitRate(dir.resolve("mbr.wmv"), 4);
        byte[] bytes = Files.readAllBytes(file);
        int headerLength;
        AsfHeader header;
        try (AsfReader reader = AsfReader.open(file)) {
            headerLength = reader.headerBytes().length;
            header = reader.header();
        }
        byte[] given = Arrays.copyOf(bytes, headerLength + DataObjectHeader.SIZE);
        Map<Integer, Long> measured = BitrateObjects.measure(file);
        ByteBuffer out = BroadcastBitrates.added(ByteBuffer.wrap(given), measured);
        byte[] described = new byte[out.remaining()];
        out.get(described);
        byte[] expected = BitrateObjects.added(header, measured).toBytes();
        assertThat(Arrays.copyOf(described, expected.length)).isEqualTo(expected);
        assertThat(Arrays.copyOfRange(described, expected.length, described.length)).as("the Data Object header")
                .isEqualTo(Arrays.copyOfRange(given, headerLength, given.length));
        AsfHeader parsed = AsfHeader.parse(expected);
        assertThat(parsed.objects()).anyMatch(o -> o.guid().equals(AsfGuids.BITRATE_MUTUAL_EXCLUSION));

        ByteBuffer again = ByteBuffer.wrap(described);
        assertThat(BroadcastBitrates.added(again, Map.of())).as("nothing missing: the same bytes").isSameAs(again);
    }

    @Test
    void withoutMeasuresTheHeadersMaximumIsSharedByTheStreamsItSaysNothingOf() throws Exception {
        Path file = Ffmpeg.multipleBitRate(dir.resolve("mbr.wmv"), 2);
        AsfHeader header;
        try (AsfReader reader = AsfReader.open(file)) {
            header = reader.header();
        }
        Map<Integer, Long> rates = BroadcastBitrates.rates(header, Map.of());
        long audio = header.stream(3).orElseThrow().audioFormat().orElseThrow().avgBytesPerSec() * 8;
        long share = (header.fileProperties().maxBitrate() - audio) / 2;
        assertThat(rates).containsEntry(3, audio).containsEntry(1, share).containsEntry(2, share);
        assertThat(BroadcastBitrates.rates(header, Map.of(1, 600_000L))).as("a measure wins")
                .containsEntry(1, 600_000L).containsEntry(2, header.fileProperties().maxBitrate() - audio - 600_000L);
        StreamBitrateProperties added = BitrateObjects.added(header, rates).streamBitrates().orElseThrow();
        assertThat(added.records()).hasSize(3);
        assertThatThrownBy(() -> BroadcastBitrates.added(ByteBuffer.wrap(new byte[] {1, 2, 3}), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only 3 bytes");
    }
}
