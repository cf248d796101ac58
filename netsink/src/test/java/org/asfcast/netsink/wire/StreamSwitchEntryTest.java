package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamSwitchEntryTest {

    private static StreamSwitchEntry entry(String text) {
        return StreamSwitchEntry.parse(text).orElseThrow();
    }

    @Test
    void parsesThreeHexFields() {
        assertThat(entry("ffff:1:0")).isEqualTo(new StreamSwitchEntry("ffff", "1", 0));
        assertThat(entry("FFFF:1F:2")).isEqualTo(new StreamSwitchEntry("ffff", "1f", 2));
        assertThat(StreamSwitchEntry.parse("ffff:1")).isEmpty();
        assertThat(StreamSwitchEntry.parse("ffff:1:0:0")).isEmpty();
        assertThat(StreamSwitchEntry.parse("ffff::0")).isEmpty();
        assertThat(StreamSwitchEntry.parse("ffff:g:0")).isEmpty();
        assertThat(StreamSwitchEntry.parse("ffff:10000:0")).isEmpty();
        assertThat(StreamSwitchEntry.parse("")).isEmpty();
    }

    @Test
    void hexIsTriedFirst() {
        // VLC and MPlayer write hex: "a" is stream 10, "1f" is 31.
        assertThat(entry("ffff:a:0").stream(Set.of(1, 10))).hasValue(10);
        assertThat(entry("ffff:1f:0").stream(Set.of(31))).hasValue(31);
        // "10" read as hex is 16; when 16 is a stream, hex wins.
        assertThat(entry("ffff:10:0").stream(Set.of(10, 16))).hasValue(16);
    }

    @Test
    void decimalIsTheFallbackWhenHexNamesNoStream() {
        // FFmpeg writes decimal: "10" is stream 10 when there is no stream 16.
        assertThat(entry("ffff:10:0").stream(Set.of(1, 10))).hasValue(10);
        assertThat(entry("ffff:12:0").stream(Set.of(12))).hasValue(12);
        assertThat(entry("ffff:12:0").stream(Set.of(1, 2))).isEmpty();
        assertThat(entry("ffff:1f:0").stream(Set.of(1))).isEmpty();
    }

    @Test
    void moonlightsUnselectedFormNamesTheSource() {
        StreamSwitchEntry off = entry("3:ffff:0");
        assertThat(off.isOff()).isTrue();
        assertThat(off.stream(Set.of(1, 2, 3))).hasValue(3);
        assertThat(entry("ffff:ffff:0").stream(Set.of(1))).isEmpty();
    }

    @Test
    void thinningTwoIsOff() {
        assertThat(entry("ffff:2:2").isOff()).isTrue();
        assertThat(entry("ffff:2:1").isOff()).isFalse();
        assertThat(entry("ffff:2:0").isOff()).isFalse();
    }
}
