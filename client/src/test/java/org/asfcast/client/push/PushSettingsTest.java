package org.asfcast.client.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The settings a push refuses, and the jitter of its back-off. */
class PushSettingsTest {

    @Test
    void serversInsistOnAWindowsMediaEncoderUserAgent() {
        assertThat(PushSettings.DEFAULTS.userAgent()).startsWith("WMEncoder/12.0");
        assertThatThrownBy(() -> new PushSettings("asfcast/1", PushSettings.SPEC_CONTENT_LENGTH, PushSettings.DEFAULTS.backoff(),
                1 << 20, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("WMEncoder/9.0");
        assertThat(new PushSettings("WMEncoder/11.0.5721.5145", PushSettings.SPEC_CONTENT_LENGTH,
                PushSettings.DEFAULTS.backoff(), 1 << 20, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ZERO).userAgent()).isEqualTo("WMEncoder/11.0.5721.5145");
    }

    @Test
    void aContentLengthMustHoldTheLargestFrameAndNeverExceedTheSpecification() {
        assertThatThrownBy(() -> PushSettings.DEFAULTS.withContentLength(65_542)).hasMessageContaining("65543");
        assertThatThrownBy(() -> PushSettings.DEFAULTS.withContentLength(2_147_483_648L)).hasMessageContaining("2147483647");
        assertThat(PushSettings.DEFAULTS.withContentLength(65_543).contentLength()).isEqualTo(65_543);
    }

    @Test
    void eachWaitIsHalfToAllOfTheBackoffsWait() {
        Duration delay = Duration.ofSeconds(2);
        assertThat(PushSender.jittered(delay, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(PushSender.jittered(delay, 0.5)).isEqualTo(Duration.ofMillis(1500));
        assertThat(PushSender.jittered(delay, 0.999_999)).isLessThan(delay).isGreaterThan(Duration.ofMillis(1999));
    }
}
