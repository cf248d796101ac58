package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link AsfReader} over whole files: as a seekable file (header, Data
 * Object, every packet reassembled, the Simple Index, seeking) and as a stream (no index, packets
 * until the input ends). Allowed: {@link AsfFormatException}; anything else (an
 * {@link IOException} from in-memory bytes included) is a finding. Seeds:
 * {@code AsfReaderGuidedFuzzTestInputs/}, small real files; see docs/reliability.md.
 */
class AsfReaderGuidedFuzzTest {

    private static final long[] SEEK_TIMES = {0, 700, 60_000, Integer.MAX_VALUE};

    @Timeout(10)
    @FuzzTest
    void readEveryPacketAndSeek(byte[] input) throws IOException {
        try (AsfReader file = AsfReader.of(new ByteArrayChannel(input))) {
            MediaObjectAssembler assembler = new MediaObjectAssembler(object -> { });
            long packets = 0;
            for (DataPacket packet; (packet = file.nextPacketInPlace()) != null; ) {
                assembler.accept(packet);
                packets++;
            }
            assertThat(packets).isLessThanOrEqualTo(input.length / file.packetSize());
            Optional<Long> count = file.packetCount();
            if (count.isPresent()) {
                assertThat(packets).isEqualTo(count.get());
                for (long millis : SEEK_TIMES) {
                    long at = file.seek(millis);
                    assertThat(at).isBetween(0L, Math.max(0, count.get() - 1));
                    assertThat(file.nextPacketNumber()).isEqualTo(at);
                    file.nextPacketBytes().ifPresent(bytes -> assertThat(bytes).hasSize(file.packetSize()));
                }
            }
        } catch (AsfFormatException e) {
            assertThat(e.problem()).isNotBlank();
        }
        try (AsfReader stream = AsfReader.of(new ByteArrayInputStream(input))) {
            while (stream.nextPacket().isPresent()) {
                assertThat(stream.packetCount().orElse(Long.MAX_VALUE)).isGreaterThanOrEqualTo(stream.nextPacketNumber());
            }
        } catch (AsfFormatException e) {
            assertThat(e.problem()).isNotBlank();
        }
    }
}
