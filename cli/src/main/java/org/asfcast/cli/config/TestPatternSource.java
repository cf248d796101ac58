package org.asfcast.cli.config;

import java.time.Duration;

/**
 * The built-in test pattern (moving picture, clock, a beep every second), as {@code asfcast serve}
 * makes it with no file.
 *
 * @param width even, 16..4096 (default 320)
 * @param height even, 16..4096 (default 240)
 * @param framesPerSecond 1..60 (default 25)
 * @param packetSize ASF packet size, 100..65536 bytes (default 3200)
 * @param preroll 0 to 60 s (default 1 s)
 */
public record TestPatternSource(int width, int height, int framesPerSecond, int packetSize, Duration preroll)
        implements PointSource {

    /** {@code test-pattern: {}}. */
    public static final TestPatternSource DEFAULTS = new TestPatternSource(320, 240, 25, 3200, Duration.ofSeconds(1));

    @Override
    public String describe() {
        return "test pattern " + width + "x" + height + " at " + framesPerSecond + " fps";
    }
}
