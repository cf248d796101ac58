package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link AsfHeader#parse} (every header object's reader) and of
 * {@link LiveProfile#streamStart}, which turns whatever header a source sends into the one every
 * player gets. Allowed: {@link AsfFormatException}. Checked: a parsed header writes back the bytes
 * it was read from (all but the object count, which is derived), and its live form parses again
 * as a broadcast header. Seeds: {@code AsfHeaderGuidedFuzzTestInputs/}; see docs/reliability.md.
 */
class AsfHeaderGuidedFuzzTest {

    /** Offset and length of the Header Object's "Number of Header Objects" field. */
    private static final int COUNT_AT = 24;
    private static final int COUNT_SIZE = 4;

    @Timeout(10)
    @FuzzTest
    void parseAndMakeLive(byte[] input) throws AsfFormatException {
        AsfHeader header;
        try {
            header = AsfHeader.parse(input);
        } catch (AsfFormatException e) {
            assertThat(e.problem()).isNotBlank();
            return;
        }
        byte[] written = header.toBytes();
        assertThat(written.length).isLessThanOrEqualTo(input.length);
        byte[] read = Arrays.copyOf(input, written.length);
        Arrays.fill(read, COUNT_AT, COUNT_AT + COUNT_SIZE, (byte) 0);
        Arrays.fill(written, COUNT_AT, COUNT_AT + COUNT_SIZE, (byte) 0);
        assertThat(written).isEqualTo(read);

        byte[] start = LiveProfile.streamStart(header);
        AsfHeader live = AsfHeader.parse(start); // a live header that does not parse again is a finding
        assertThat(live.fileProperties().isBroadcast()).isTrue();
        assertThat(live.fileProperties().minPacketSize()).isEqualTo(live.fileProperties().maxPacketSize());
        assertThat(live.streams()).hasSameSizeAs(header.streams());
    }
}
