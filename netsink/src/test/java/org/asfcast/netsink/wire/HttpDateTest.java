package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The three date forms of RFC 9110 §5.6.7, with its own example. */
class HttpDateTest {

    private static final Instant EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void writesImfFixdate() {
        assertThat(HttpDate.format(EXAMPLE)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDate.format(EXAMPLE.plusMillis(999))).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    @Test
    void readsAllThreeForms() {
        assertThat(HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT")).contains(EXAMPLE);
        assertThat(HttpDate.parse("Sunday, 06-Nov-94 08:49:37 GMT")).contains(EXAMPLE);
        assertThat(HttpDate.parse("Sun Nov  6 08:49:37 1994")).contains(EXAMPLE);
    }

    @Test
    void anythingElseIsNoDate() {
        assertThat(HttpDate.parse("yesterday")).isEmpty();
        assertThat(HttpDate.parse("")).isEmpty();
        assertThat(HttpDate.parse("Sun, 06 Nov 1994 08:49:37 CET")).isEmpty();
        assertThat(HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT".repeat(5))).isEmpty();
    }
}
