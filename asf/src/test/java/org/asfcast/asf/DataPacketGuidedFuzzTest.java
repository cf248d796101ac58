package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link DataPacket#parse} and {@link MediaObjectAssembler}: bytes a
 * pipe, a file or a relayed server hands us, cut into packets and reassembled into media objects.
 * The only allowed failure is {@link AsfFormatException}; anything else thrown, an input taking
 * longer than the timeout, or an {@link OutOfMemoryError} is a finding. The seeds in
 * {@code DataPacketGuidedFuzzTestInputs/} run as ordinary tests; {@code JAZZER_FUZZ=1} fuzzes
 * (docs/reliability.md).
 *
 * <p>Input: a little-endian 16-bit packet size (0 means 65 536), then packets of that size back to
 * back; a shorter last one is parsed at its own length.
 */
class DataPacketGuidedFuzzTest {

    @Timeout(10)
    @FuzzTest
    void parseAndReassemble(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int size = (input[0] & 0xFF | (input[1] & 0xFF) << 8);
        int packetSize = size == 0 ? 0x10000 : size;
        MediaObjectAssembler assembler = new MediaObjectAssembler(object -> {
            assertThat(object.streamNumber()).isBetween(1, 127);
            assertThat((long) object.size()).isLessThan(DataPacket.MAX_OBJECT_SIZE);
        });
        for (int at = 2; at < input.length; at += packetSize) {
            int length = Math.min(packetSize, input.length - at);
            DataPacket packet;
            try {
                packet = DataPacket.parse(input, at, length, at);
            } catch (AsfFormatException e) {
                assertThat(e.offset()).isBetween((long) at, (long) at + length);
                assertThat(e.problem()).isNotBlank();
                continue;
            }
            for (Payload payload : packet.payloads()) {
                // Every payload lies inside its own packet, so no reader can run off the window.
                assertThat(payload.dataOffset()).isGreaterThanOrEqualTo(at);
                assertThat(payload.dataOffset() + payload.dataLength()).isLessThanOrEqualTo(at + length);
                assertThat(payload.streamNumber()).isBetween(1, 127);
            }
            assembler.accept(packet);
        }
        assertThat(assembler.pendingObjects()).isBetween(0, 127);
    }
}
