package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.asfcast.netsink.wire.Preconditions.Outcome;
import org.junit.jupiter.api.Test;

/** Conditional GETs for a file (RFC 9110 §13). */
class PreconditionsTest {

    private static final Instant MODIFIED = Instant.parse("2026-03-01T10:00:00.123456789Z");
    private static final FileValidator FILE = FileValidator.of(1000, MODIFIED, OptionalLong.of(42));
    private static final String DATE = "Sun, 01 Mar 2026 10:00:00 GMT";
    private static final String EARLIER = "Sun, 01 Mar 2026 09:59:59 GMT";
    private static final String LATER = "Sun, 01 Mar 2026 10:00:01 GMT";

    private static Outcome evaluate(String... nameValue) {
        List<HeaderField> fields = new ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            fields.add(new HeaderField(nameValue[i], nameValue[i + 1]));
        }
        return Preconditions.evaluate(new RequestHead("GET", "/a.wmv", "", "HTTP/1.1", fields), FILE);
    }

    @Test
    void theValidatorsAreAStrongTagAndTheSecond() {
        assertThat(FILE.etag()).isEqualTo("\"3e8-" + Long.toHexString(MODIFIED.getEpochSecond() * 1_000_000_000L
                + MODIFIED.getNano()) + "-2a\"");
        assertThat(FILE.lastModified()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(FileValidator.of(1000, MODIFIED, OptionalLong.of(43)).etag()).as("another inode").isNotEqualTo(FILE.etag());
        assertThat(FileValidator.of(1000, MODIFIED.plusNanos(1), OptionalLong.of(42)).etag()).isNotEqualTo(FILE.etag());
        assertThat(FileValidator.of(1001, MODIFIED, OptionalLong.of(42)).etag()).isNotEqualTo(FILE.etag());
        assertThat(FileValidator.of(1000, MODIFIED, OptionalLong.empty()).etag()).doesNotEndWith("-2a\"");
    }

    @Test
    void noConditionSendsTheRange() {
        assertThat(evaluate()).isEqualTo(Outcome.SEND_RANGE);
    }

    @Test
    void ifNoneMatchWithTheTagIsNotModified() {
        assertThat(evaluate("If-None-Match", FILE.etag())).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(evaluate("If-None-Match", "\"x\", " + FILE.etag())).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(evaluate("If-None-Match", "W/" + FILE.etag())).as("weak comparison").isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(evaluate("If-None-Match", "*")).isEqualTo(Outcome.NOT_MODIFIED);
    }

    @Test
    void ifNoneMatchWithAnotherTagSendsTheFile() {
        assertThat(evaluate("If-None-Match", "\"other\"")).isEqualTo(Outcome.SEND_RANGE);
        assertThat(evaluate("If-None-Match", "garbage")).isEqualTo(Outcome.SEND_RANGE);
    }

    @Test
    void ifNoneMatchOverridesIfModifiedSince() {
        assertThat(evaluate("If-None-Match", "\"other\"", "If-Modified-Since", LATER)).isEqualTo(Outcome.SEND_RANGE);
    }

    @Test
    void ifModifiedSinceComparesToTheSecond() {
        assertThat(evaluate("If-Modified-Since", DATE)).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(evaluate("If-Modified-Since", LATER)).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(evaluate("If-Modified-Since", EARLIER)).isEqualTo(Outcome.SEND_RANGE);
        assertThat(evaluate("If-Modified-Since", "yesterday")).as("no date: ignored").isEqualTo(Outcome.SEND_RANGE);
    }

    @Test
    void ifMatchAndIfUnmodifiedSinceFailWithAnotherVersion() {
        assertThat(evaluate("If-Match", "\"other\"")).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(evaluate("If-Match", "W/" + FILE.etag())).as("strong comparison").isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(evaluate("If-Match", FILE.etag())).isEqualTo(Outcome.SEND_RANGE);
        assertThat(evaluate("If-Unmodified-Since", EARLIER)).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(evaluate("If-Unmodified-Since", DATE)).isEqualTo(Outcome.SEND_RANGE);
    }

    @Test
    void ifRangeWithTheCurrentTagOrDateKeepsTheRange() {
        assertThat(evaluate("Range", "bytes=0-1", "If-Range", FILE.etag())).isEqualTo(Outcome.SEND_RANGE);
        assertThat(evaluate("Range", "bytes=0-1", "If-Range", DATE)).isEqualTo(Outcome.SEND_RANGE);
    }

    @Test
    void ifRangeWithAnotherVersionFallsBackToTheWholeFile() {
        assertThat(evaluate("Range", "bytes=0-1", "If-Range", "\"other\"")).isEqualTo(Outcome.SEND_WHOLE);
        assertThat(evaluate("Range", "bytes=0-1", "If-Range", "W/" + FILE.etag())).isEqualTo(Outcome.SEND_WHOLE);
        assertThat(evaluate("Range", "bytes=0-1", "If-Range", EARLIER)).isEqualTo(Outcome.SEND_WHOLE);
        assertThat(evaluate("Range", "bytes=0-1", "If-Range", LATER)).isEqualTo(Outcome.SEND_WHOLE);
        assertThat(evaluate("Range", "bytes=0-1", "If-Range", "not a date")).isEqualTo(Outcome.SEND_WHOLE);
    }

    @Test
    void ifRangeWithoutRangeIsIgnored() {
        assertThat(evaluate("If-Range", "\"other\"")).isEqualTo(Outcome.SEND_RANGE);
    }
}
