package org.asfcast.bench.hostile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real player for the whole run: {@code ffmpeg -nostdin -i mmsh://... -f null -} with its
 * {@code -progress} report on stdout, read as it comes. It tracks the media time decoded
 * ({@code out_time_us}) against the wall time, the longest wall time during which the media time
 * did not advance, and whether ffmpeg stopped before it was told to.
 */
final class FfmpegPlayer {

    /** What a player did, for the report. */
    record Summary(int index, double wallSeconds, double mediaSeconds, double longestStallSeconds, boolean stoppedEarly,
                   Integer exitCode) {
        java.util.Map<String, Object> fields() {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("player", index);
            m.put("wall_s", wallSeconds);
            m.put("media_s", mediaSeconds);
            m.put("longest_stall_s", longestStallSeconds);
            m.put("stopped_early", stoppedEarly);
            m.put("exit_code", exitCode);
            return m;
        }
    }

    private final int index;
    private final Process process;
    private final long startNanos;
    private final Thread reader;
    private volatile long mediaMicros = -1;
    private volatile long lastAdvanceNanos;
    private volatile long longestStallNanos;
    private volatile long exitNanos = -1;
    private volatile boolean stopping;

    private FfmpegPlayer(int index, Process process) {
        this.index = index;
        this.process = process;
        this.startNanos = System.nanoTime();
        this.lastAdvanceNanos = startNanos;
        this.reader = new Thread(this::readProgress, "ffmpeg-player-" + index);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a player on {@code url}; its stderr goes to {@code log}. */
    static FfmpegPlayer start(int index, String url, Path log) throws IOException {
        Process p = new ProcessBuilder(List.of("ffmpeg", "-nostdin", "-v", "error", "-stats_period", "0.5",
                "-progress", "pipe:1", "-i", url, "-f", "null", "-"))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new FfmpegPlayer(index, p);
    }

    private void readProgress() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                long us = PlayerProgress.outTimeMicros(line);
                if (us > mediaMicros) {
                    long now = System.nanoTime();
                    longestStallNanos = Math.max(longestStallNanos, now - lastAdvanceNanos);
                    lastAdvanceNanos = now;
                    mediaMicros = us;
                }
            }
        } catch (IOException e) {
            // the process is gone; its exit tells the rest
        }
        if (exitNanos < 0) {
            exitNanos = System.nanoTime();
        }
    }

    /** Whether ffmpeg exited although nobody stopped it. */
    boolean stoppedEarly() {
        return !process.isAlive() && !stopping;
    }

    /** Stops ffmpeg (if it still runs) and sums up. */
    Summary stop() {
        long end = System.nanoTime();
        boolean early = stoppedEarly();
        stopping = true;
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long last = early && exitNanos > 0 ? exitNanos : end;
        // the time since the last advance counts as a stall too: a player frozen at the end was stalled
        long stall = Math.max(longestStallNanos, last - lastAdvanceNanos);
        return new Summary(index, (last - startNanos) / 1e9, Math.max(0, mediaMicros) / 1e6, stall / 1e9, early,
                process.isAlive() ? null : process.exitValue());
    }
}
