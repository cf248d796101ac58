package org.asfcast.bench.hostile;

/** Reads ffmpeg's {@code -progress} lines ({@code key=value}, one a line). */
final class PlayerProgress {

    private PlayerProgress() {
    }

    /** The media time of an {@code out_time_us=} line in microseconds; -1 for any other line or "N/A". */
    static long outTimeMicros(String line) {
        if (!line.startsWith("out_time_us=")) {
            return -1;
        }
        try {
            return Long.parseLong(line.substring("out_time_us=".length()).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
