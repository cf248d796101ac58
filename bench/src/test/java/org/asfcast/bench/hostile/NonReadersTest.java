package org.asfcast.bench.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NonReadersTest {

    private static final long S = 1_000_000_000L;

    @Test
    void aRefusalIsBeyondTheBoundOnlyWhileANonReaderHeldItsSlotLongerThanTheBound() {
        List<long[]> holds = List.of(new long[] {0, 12 * S}, // dropped at 12 s: 2 s late for a 10 s bound
                new long[] {11 * S, -1}); // a fresh one, still held at the end
        // 5 s: nobody is over the bound; 11.5 s: the first is; 13 s: the first is gone and the second is 2 s old
        assertThat(NonReaders.refusalsBeyond(holds, List.of(5 * S, 11 * S + S / 2, 13 * S), 10 * S)).isEqualTo(1);
        // 22 s: the second one is now 11 s old
        assertThat(NonReaders.refusalsBeyond(holds, List.of(22 * S), 10 * S)).isEqualTo(1);
    }
}
