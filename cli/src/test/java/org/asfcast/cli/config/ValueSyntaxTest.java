package org.asfcast.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations, bit rates and command lines as a config file writes them. */
class ValueSyntaxTest {

    @Test
    void durations() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
        assertThatThrownBy(() -> Durations.parse("10")).hasMessageContaining("needs a unit");
        assertThatThrownBy(() -> Durations.parse("10x")).hasMessageContaining("must be a duration");
        assertThatThrownBy(() -> Durations.parse("")).hasMessageContaining("must be a duration");
        assertThatThrownBy(() -> Durations.parse("-1s")).hasMessageContaining("must be a duration");
        assertThatThrownBy(() -> Durations.parse("200h")).hasMessageContaining("longer than a week");
    }

    @Test
    void bitRates() {
        assertThat(BitRate.parse("0")).isEqualTo(BitRate.NONE);
        assertThat(BitRate.parse("800k").bitsPerSecond()).isEqualTo(800_000);
        assertThat(BitRate.parse("200M").bitsPerSecond()).isEqualTo(200_000_000);
        assertThat(BitRate.parse("1.5G").bitsPerSecond()).isEqualTo(1_500_000_000L);
        assertThat(BitRate.parse("200M").toString()).isEqualTo("200M");
        assertThatThrownBy(() -> BitRate.parse("200 Mbps")).hasMessageContaining("must be a bit rate");
        assertThatThrownBy(() -> BitRate.parse("-1k")).hasMessageContaining("must be a bit rate");
        assertThatThrownBy(() -> BitRate.parse("2000G")).hasMessageContaining("more than 1000G");
    }

    @Test
    void commandsSplitLikeAShellWithoutOne() {
        assertThat(CommandWords.split("ffmpeg -re -i /srv/tv.mp4 -f asf -")).containsExactly("ffmpeg", "-re", "-i", "/srv/tv.mp4",
                "-f", "asf", "-");
        assertThat(CommandWords.split("a 'b c' \"d \\\"e\\\"\" f\\ g ''")).containsExactly("a", "b c", "d \"e\"", "f g", "");
        assertThat(CommandWords.split("  x\t y  ")).containsExactly("x", "y");
        assertThat(CommandWords.split("sh -c 'a | b'")).containsExactly("sh", "-c", "a | b");
        assertThat(CommandWords.split("echo '|'")).containsExactly("echo", "|");
        assertThatThrownBy(() -> CommandWords.split("a 'b")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> CommandWords.split("a \"b")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> CommandWords.split("a \\")).hasMessageContaining("lone backslash");
        assertThatThrownBy(() -> CommandWords.split("   ")).hasMessageContaining("names no program");
        assertThatThrownBy(() -> CommandWords.split("a > out")).hasMessageContaining("no shell runs");
    }
}
