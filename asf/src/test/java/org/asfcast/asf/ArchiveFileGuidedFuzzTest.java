package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link ArchiveFile#open} over whole files: allowed are
 * {@link AsfFormatException} (with a problem sentence) and {@link IOException}; anything else is a
 * finding, as is a start position outside {@code [0, packetCount)} or a served header that does
 * not parse. Seeds: {@code ArchiveFileGuidedFuzzTestInputs/}, small real files.
 */
class ArchiveFileGuidedFuzzTest {

    private static final long[] TIMES = {-1, 0, 700, 60_000, Long.MAX_VALUE};

    @Timeout(10)
    @FuzzTest
    void openAndLookUp(byte[] input) throws IOException {
        Path file = Files.createTempFile("archive-fuzz", ".asf");
        try {
            Files.write(file, input);
            ArchiveFile archive = ArchiveFile.open(file);
            long count = archive.packetCount();
            assertThat(count).isBetween(1L, (long) input.length / archive.packetSize());
            assertThat(AsfHeader.parse(archive.servedHeader()).fileProperties().dataPacketsCount()).isEqualTo(count);
            for (Set<Integer> streams : java.util.List.of(Set.<Integer>of(), Set.of(1), Set.of(2, 3))) {
                for (long t : TIMES) {
                    assertThat(archive.packetForTime(t, streams)).isBetween(0L, count - 1);
                    assertThat(archive.packetForNumber(t, streams)).isBetween(0L, count - 1);
                    assertThat(archive.packetForOffset(t)).isBetween(0L, count - 1);
                }
            }
        } catch (AsfFormatException e) {
            assertThat(e.problem()).isNotBlank();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
