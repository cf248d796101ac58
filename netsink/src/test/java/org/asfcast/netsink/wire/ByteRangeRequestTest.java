package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.asfcast.netsink.wire.ByteRangeRequest.Part;
import org.asfcast.netsink.wire.ByteRangeRequest.Unsatisfiable;
import org.asfcast.netsink.wire.ByteRangeRequest.Whole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Range headers (RFC 9110 §14.1.2, §14.2, §15.5.17) against a file of 1000 bytes unless said. */
class ByteRangeRequestTest {

    private static ByteRangeRequest.Answer of(String range) {
        return ByteRangeRequest.of(range, 1000);
    }

    @Test
    void firstToLastIsThatPartInclusive() {
        assertThat(of("bytes=100-199")).isEqualTo(new Part(100, 199));
        assertThat(((Part) of("bytes=100-199")).length()).isEqualTo(100);
    }

    @Test
    void theFirstByteAloneIsOneByte() {
        assertThat(of("bytes=0-0")).isEqualTo(new Part(0, 0));
        assertThat(((Part) of("bytes=0-0")).length()).isEqualTo(1);
    }

    @Test
    void anOpenEndRunsToTheLastByte() {
        assertThat(of("bytes=0-")).isEqualTo(new Part(0, 999));
        assertThat(of("bytes=999-")).isEqualTo(new Part(999, 999));
    }

    @Test
    void aSuffixIsTheLastBytes() {
        assertThat(of("bytes=-1")).isEqualTo(new Part(999, 999));
        assertThat(of("bytes=-500")).isEqualTo(new Part(500, 999));
        assertThat(of("bytes=-1000")).isEqualTo(new Part(0, 999));
        assertThat(of("bytes=-5000")).as("a suffix longer than the file is the whole file").isEqualTo(new Part(0, 999));
    }

    @Test
    void anEmptySuffixIsUnsatisfiable() {
        assertThat(of("bytes=-0")).isEqualTo(new Unsatisfiable());
    }

    @Test
    void aLastBeyondTheEndIsCutToTheEnd() {
        assertThat(of("bytes=500-5000")).isEqualTo(new Part(500, 999));
    }

    @Test
    void aFirstAtOrBeyondTheEndIsUnsatisfiable() {
        assertThat(of("bytes=1000-")).isEqualTo(new Unsatisfiable());
        assertThat(of("bytes=1000-1001")).isEqualTo(new Unsatisfiable());
        assertThat(of("bytes=99999999-")).isEqualTo(new Unsatisfiable());
    }

    @Test
    void hugeNumbersSaturateInsteadOfOverflowing() {
        assertThat(of("bytes=0-99999999999999999999999999")).isEqualTo(new Part(0, 999));
        assertThat(of("bytes=99999999999999999999999999-")).isEqualTo(new Unsatisfiable());
        assertThat(of("bytes=-99999999999999999999999999")).isEqualTo(new Part(0, 999));
        assertThat(of("bytes=9223372036854775807-9223372036854775807")).isEqualTo(new Unsatisfiable());
        assertThat(of("bytes=00000000000000000000000000010-00000000000000000000000000019")).isEqualTo(new Part(10, 19));
    }

    @Test
    void anyRangeOfAnEmptyFileIsUnsatisfiable() {
        assertThat(ByteRangeRequest.of("bytes=0-", 0)).isEqualTo(new Unsatisfiable());
        assertThat(ByteRangeRequest.of("bytes=-10", 0)).isEqualTo(new Unsatisfiable());
    }

    @Test
    void theUnitIsCaseInsensitiveAndSpacesAroundCommasAreAllowed() {
        assertThat(of("Bytes=1-2")).isEqualTo(new Part(1, 2));
        assertThat(of("bytes= 1-2 ")).isEqualTo(new Part(1, 2));
        assertThat(of("bytes=1-2,")).as("an empty list element is allowed").isEqualTo(new Part(1, 2));
    }

    @Test
    void severalRangesGetTheWholeFile() {
        assertThat(of("bytes=0-1,5-6")).isEqualTo(new Whole());
        assertThat(of("bytes=0-1, -5")).isEqualTo(new Whole());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=200-100", "bytes=abc", "bytes=1-2-3", "bytes=-", "bytes=", "bytes=+1-2",
            "bytes=1 -2", "bytes=0x10-", "items=0-1", "0-1", "bytes=1-2,junk", "bytes=1-٣"})
    void aMalformedHeaderIsIgnored(String range) {
        assertThat(of(range)).isEqualTo(new Whole());
    }

    @Test
    void aVeryLongHeaderIsIgnored() {
        assertThat(of("bytes=" + "1-2,".repeat(1000) + "1-2")).isEqualTo(new Whole());
    }

    @Test
    void aPartIsARange() {
        assertThatThrownBy(() -> new Part(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Part(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
