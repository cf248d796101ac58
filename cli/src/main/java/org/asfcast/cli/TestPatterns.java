package org.asfcast.cli;

import org.asfcast.writer.Source;
import org.asfcast.writer.source.TestPattern;

/** Makes the built-in test pattern from the serve options. */
final class TestPatterns {

    private TestPatterns() {
    }

    static Source create(String size, int fps, int packetSize, int preroll) {
        String[] wh = size.toLowerCase().split("x");
        int width;
        int height;
        try {
            width = Integer.parseInt(wh[0]);
            height = Integer.parseInt(wh[1]);
        } catch (RuntimeException e) {
            throw new Failures.UserError("--size takes WIDTHxHEIGHT, such as 320x240, not '" + size + "'");
        }
        if (width < 16 || height < 16 || width > 4096 || height > 4096 || width % 2 != 0 || height % 2 != 0) {
            throw new Failures.UserError("--size must be even numbers from 16x16 to 4096x4096, not " + size);
        }
        if (fps < 1 || fps > 60) {
            throw new Failures.UserError("--fps must be 1..60, not " + fps);
        }
        if (packetSize < 100 || packetSize > 65536) {
            throw new Failures.UserError("--packet-size must be 100..65536, not " + packetSize);
        }
        if (preroll < 0 || preroll > 60_000) {
            throw new Failures.UserError("--preroll must be 0..60000 ms, not " + preroll);
        }
        return TestPattern.builder().size(width, height).framesPerSecond(fps).packetSize(packetSize).preroll(preroll)
                .build();
    }
}
