package org.asfcast.writer;

import java.util.ArrayDeque;

/**
 * Counts one stream's samples and measures its rates on the media timeline. A rate over a span
 * counts every sample in it but the newest, over the time from the oldest to the newest: for
 * samples at a steady interval that is exactly the rate, with no off-by-one.
 */
final class StreamStatistics {
    private static final long WINDOW_100NS = 10_000_000L; // "current" means the last second

    private final long expectedBitrate;
    private final long expectedSampleRate;
    private final ArrayDeque<long[]> window = new ArrayDeque<>(); // {time, bytes}
    private long windowBytes;
    private long samples;
    private long bytes;
    private long dropped;
    private long droppedBytes;
    private long firstTime = -1;
    private long newestTime = -1;
    private long newestBytes;

    StreamStatistics(long expectedBitrate, double expectedSampleRate) {
        this.expectedBitrate = expectedBitrate;
        this.expectedSampleRate = Math.round(expectedSampleRate);
    }

    void accepted(long time100ns, int size) {
        samples++;
        bytes += size;
        if (firstTime < 0) {
            firstTime = time100ns;
        }
        if (time100ns >= newestTime) {
            newestTime = time100ns;
            newestBytes = size;
        }
        window.addLast(new long[] {time100ns, size});
        windowBytes += size;
        while (window.size() > 2 && window.peekFirst()[0] < newestTime - WINDOW_100NS) {
            windowBytes -= window.removeFirst()[1];
        }
    }

    void dropped(int size) {
        dropped++;
        droppedBytes += size;
    }

    WriterStatistics snapshot() {
        long span = newestTime - firstTime;
        long averageBitrate = span > 0 ? Math.round((bytes - newestBytes) * 8e7 / span) : 0;
        long averageRate = span > 0 ? Math.round((samples - 1) * 1e7 / span) : 0;
        long currentBitrate = 0;
        long currentRate = 0;
        if (window.size() >= 2) {
            long windowSpan = newestTime - window.peekFirst()[0];
            if (windowSpan > 0) {
                currentBitrate = Math.round((windowBytes - newestBytes) * 8e7 / windowSpan);
                currentRate = Math.round((window.size() - 1) * 1e7 / windowSpan);
            }
        }
        return new WriterStatistics(samples, bytes, dropped, droppedBytes, currentBitrate, averageBitrate,
                expectedBitrate, currentRate, averageRate, expectedSampleRate);
    }
}
