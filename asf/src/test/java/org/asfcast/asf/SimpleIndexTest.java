package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SimpleIndex#entryAt} for the times a hostile file's preroll and interval can produce. */
class SimpleIndexTest {
    private static final Guid NO_FILE_ID = Guid.read(new byte[16], 0);
    private static final List<SimpleIndex.Entry> ENTRIES = List.of(new SimpleIndex.Entry(0, 1),
            new SimpleIndex.Entry(4, 1), new SimpleIndex.Entry(9, 2));

    @Test
    void timesWhoseTicksOverflowALongGiveTheLastEntry() {
        SimpleIndex index = new SimpleIndex(NO_FILE_ID, SimpleIndex.ONE_SECOND, 2, ENTRIES);
        // Found by AsfReaderGuidedFuzzTest: 2^31 - 1 ms plus a preroll of 7.1e16 ms overflowed the
        // multiplication by 10,000 into a negative list index.
        assertThat(index.entryAt((1L << 60) + Integer.MAX_VALUE)).isEqualTo(ENTRIES.get(2));
        assertThat(index.entryAt(Long.MAX_VALUE)).isEqualTo(ENTRIES.get(2));
        assertThat(index.entryAt(Long.MIN_VALUE)).isEqualTo(ENTRIES.get(0));
        assertThat(index.entryAt(1_500)).isEqualTo(ENTRIES.get(1));
    }

    @Test
    void anIntervalAboveTwoToTheSixtyThreeIsUnsignedNotNegative() {
        SimpleIndex index = new SimpleIndex(NO_FILE_ID, 0xFFFF_FFFF_FFFF_FFF0L, 2, ENTRIES);
        assertThat(index.entryAt(5_000)).isEqualTo(ENTRIES.get(0));
        assertThat(index.entryAt(Long.MAX_VALUE)).isEqualTo(ENTRIES.get(0));
    }
}
