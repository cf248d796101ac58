package org.asfcast.bench.hostile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * New players during an attack: a raw Play ({@link FirstDataProbe}) every {@code intervalMs}, and
 * every {@code ffmpegEvery}-th time also a real FFmpeg asked for its first decoded frame. Sums up
 * the first-data times against the goal and the refusals with when they came.
 */
final class ProbeLoop extends Thread {

    private final FirstDataProbe probe;
    private final String url;
    private final long intervalMs;
    private final int ffmpegEvery;
    private final long startNanos = System.nanoTime();
    private final List<FirstDataProbe.Outcome> outcomes = new ArrayList<>();
    private final List<Double> ffmpegMs = new ArrayList<>();
    private volatile boolean done;

    ProbeLoop(FirstDataProbe probe, String url, long intervalMs, int ffmpegEvery) {
        super("probe-loop");
        this.probe = probe;
        this.url = url;
        this.intervalMs = intervalMs;
        this.ffmpegEvery = ffmpegEvery;
        setDaemon(true);
    }

    @Override
    public void run() {
        for (int round = 1; !done; round++) {
            long t = System.nanoTime();
            FirstDataProbe.Outcome o = probe.probe();
            synchronized (this) {
                outcomes.add(o);
            }
            if (ffmpegEvery > 0 && round % ffmpegEvery == 0 && !done) {
                double ms = ffmpegFirstFrame();
                synchronized (this) {
                    ffmpegMs.add(ms);
                }
            }
            long sleep = intervalMs - (System.nanoTime() - t) / 1_000_000L;
            if (sleep > 0 && !done) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Stops after the probe under way and returns the summary. */
    Map<String, Object> finish() throws InterruptedException {
        done = true;
        join(60_000);
        synchronized (this) {
            return summarize(outcomes, ffmpegMs, startNanos);
        }
    }

    /** When each refused probe (a status other than 200) started, in {@link System#nanoTime()}. */
    synchronized List<Long> refusalTimes() {
        return outcomes.stream().filter(x -> x.status() > 0 && x.status() != 200).map(FirstDataProbe.Outcome::startNanos).toList();
    }

    static Map<String, Object> summarize(List<FirstDataProbe.Outcome> all, List<Double> ffmpegMs, long startNanos) {
        double[] ms = all.stream().filter(FirstDataProbe.Outcome::gotData).mapToDouble(FirstDataProbe.Outcome::firstDataMs)
                .sorted().toArray();
        Map<String, Long> failures = new TreeMap<>();
        double firstRefusalS = Double.NaN;
        double lastRefusalS = Double.NaN;
        for (FirstDataProbe.Outcome o : all) {
            if (o.gotData()) {
                continue;
            }
            failures.merge(o.status() > 0 && o.status() != 200 ? "status " + o.status() : o.failure(), 1L, Long::sum);
            if (o.status() > 0 && o.status() != 200) {
                double at = (o.startNanos() - startNanos) / 1e9;
                firstRefusalS = Double.isNaN(firstRefusalS) ? at : firstRefusalS;
                lastRefusalS = at;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("probes", all.size());
        m.put("probes_with_data", ms.length);
        m.put("first_data_ms_p50", pct(ms, 50));
        m.put("first_data_ms_p99", pct(ms, 99));
        m.put("first_data_ms_max", pct(ms, 100));
        m.put("first_data_over_100ms", Arrays.stream(ms).filter(x -> x >= 100).count());
        m.put("probe_failures", failures);
        m.put("probe_first_refusal_s", firstRefusalS);
        m.put("probe_last_refusal_s", lastRefusalS);
        double[] ff = ffmpegMs.stream().mapToDouble(Double::doubleValue).toArray();
        m.put("ffmpeg_first_frame_ms", ffmpegMs);
        m.put("ffmpeg_first_frame_failed", Arrays.stream(ff).filter(Double::isNaN).count());
        return m;
    }

    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Wall milliseconds of {@code ffmpeg -i URL -frames:v 1 -f null -} (its process start included); NaN on failure. */
    private double ffmpegFirstFrame() {
        long t0 = System.nanoTime();
        try {
            Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-i", url, "-frames:v", "1", "-f", "null", "-")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return Double.NaN;
            }
            return p.exitValue() == 0 ? (System.nanoTime() - t0) / 1e6 : Double.NaN;
        } catch (java.io.IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }
}
