package org.asfcast.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.asfcast.netsink.NetworkSink;
import org.asfcast.netsink.NetworkSinkConfig;
import org.asfcast.writer.WriterSink;
import org.asfcast.writer.source.FileReplay;

/**
 * A broadcast for measurements: a {@link NetworkSink} fed in real time by {@link FileReplay} (the
 * {@code asfcast serve FILE --loop} path, without the command's console output), timing every
 * {@code onDataUnit} call on the writer thread. At the end (after {@code --seconds}, or on SIGTERM)
 * it prints the latency percentiles of {@code onDataUnit}, overall and for the calls made while at
 * least {@code --min-clients} players were connected.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.asfcast.bench.BenchServer FILE [--port 8080]
 *     [--max-clients 100000] [--seconds 0] [--min-clients N] [--threads N] [--warm-jit CALLS]
 *     [--batch-ms MS] [--control]</pre>
 *
 * <p>{@code --control} also times a fixed piece of arithmetic (no memory, no locks, no calls) on the
 * writer thread right after every {@code onDataUnit}: its tail is what the machine itself adds to
 * any short call at that moment (interrupts, the hypervisor), the floor under {@code onDataUnit}'s.
 *
 * <p>{@code --batch-ms} is a what-if, not how the sink is fed in production: packets are held and
 * handed over back to back every MS milliseconds, which shows what coalescing the event loops'
 * wake-ups (several packets per client write and flush) would save.
 */
public final class BenchServer {

    private BenchServer() {
    }

    /** Serves FILE looped until {@code --seconds} pass (0: until killed). */
    public static void main(String[] args) throws Exception {
        Path file = null;
        int port = 8080;
        int maxClients = 100_000;
        long seconds = 0;
        int minClients = -1;
        int threads = 0;
        int warmJit = 0;
        int batchMillis = 0;
        int deliveryMillis = -1;
        boolean control = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--control" -> control = true;
                case "--batch-ms" -> batchMillis = Integer.parseInt(args[++i]);
                case "--delivery-ms" -> deliveryMillis = Integer.parseInt(args[++i]);
                case "--warm-jit" -> warmJit = Integer.parseInt(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--max-clients" -> maxClients = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                case "--min-clients" -> minClients = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> file = Path.of(args[i]);
            }
        }
        if (file == null) {
            System.err.println("usage: BenchServer FILE [--port N] [--max-clients N] [--seconds S] [--min-clients N] [--threads N] [--delivery-ms MS] [--batch-ms MS] [--warm-jit N] [--control]");
            System.exit(2);
        }
        if (warmJit > 0) {
            warmUp(file, warmJit);
        }
        NetworkSinkConfig.Builder b = NetworkSinkConfig.builder().maximumClients(maxClients).resolveNames(false);
        if (threads > 0) {
            b.eventLoopThreads(threads);
        }
        if (deliveryMillis >= 0) {
            b.deliveryInterval(java.time.Duration.ofMillis(deliveryMillis));
        }
        NetworkSink sink = new NetworkSink(b.build());
        int listening = sink.open(port);
        TimedSink timed = new TimedSink(sink, batchMillis, control);
        FileReplay replay = new FileReplay(file, true);
        System.out.println("BenchServer: broadcasting " + file + " at mmsh://127.0.0.1:" + listening + "/");
        System.out.flush();
        int threshold = minClients;
        Thread report = new Thread(() -> {
            replay.stop();
            System.out.println(timed.report(threshold));
            System.out.flush();
        }, "report");
        Runtime.getRuntime().addShutdownHook(report);
        Thread feeder = new Thread(() -> {
            try {
                replay.run(List.of(timed));
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "writer");
        feeder.setDaemon(true);
        feeder.start();
        if (seconds > 0) {
            Thread.sleep(seconds * 1000);
            System.exit(0); // the hook reports
        }
        feeder.join();
    }

    /**
     * Compiles onDataUnit before the measured sink exists: at 40 packets per second the writer path
     * would otherwise run interpreted or C1-compiled for minutes. A throwaway, never-opened sink
     * takes {@code calls} packets of the file back to back (its ring bounded to 1 MiB).
     */
    private static void warmUp(Path file, int calls) throws Exception {
        List<byte[]> packets = new java.util.ArrayList<>();
        byte[] header;
        try (org.asfcast.asf.AsfReader reader = org.asfcast.asf.AsfReader.open(file)) {
            header = reader.headerBytes();
            for (java.util.Optional<byte[]> p; (p = reader.nextPacketBytes()).isPresent(); ) {
                packets.add(p.get());
            }
        }
        NetworkSink scratch = new NetworkSink(NetworkSinkConfig.builder().ringMaxBytes(1 << 20).resolveNames(false).build());
        scratch.onHeader(ByteBuffer.wrap(header));
        for (int i = 0; i < calls; i++) {
            scratch.onDataUnit(ByteBuffer.wrap(packets.get(i % packets.size())));
        }
        scratch.onEndWriting();
    }

    /** Times onDataUnit and records how many clients were connected at each call. */
    static final class TimedSink implements WriterSink {
        private final NetworkSink sink;
        private long[] nanos = new long[1 << 16];
        private long[] controlNanos = new long[1 << 16];
        private long[] cpuNanos = new long[1 << 16];
        private int[] clients = new int[1 << 16];
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private int n;
        private int maxClients;
        private final long batchNanos;
        private final java.util.ArrayDeque<ByteBuffer> held = new java.util.ArrayDeque<>();
        private long heldSince;

        private final boolean control;
        private long controlSink;

        TimedSink(NetworkSink sink, int batchMillis, boolean control) {
            this.sink = sink;
            this.batchNanos = batchMillis * 1_000_000L;
            this.control = control;
        }

        @Override
        public void onHeader(ByteBuffer header) {
            sink.onHeader(header);
        }

        @Override
        public boolean isRealTime() {
            return true;
        }

        @Override
        public void onDataUnit(ByteBuffer dataUnit) {
            if (batchNanos <= 0) {
                timedOnDataUnit(dataUnit);
                return;
            }
            // What-if for coalesced wake-ups: hold packets and hand them over back to back every
            // batchNanos, so each event loop wakes once per batch and writes it with one flush.
            long now = System.nanoTime();
            if (held.isEmpty()) {
                heldSince = now;
            }
            ByteBuffer copy = ByteBuffer.allocate(dataUnit.remaining());
            copy.put(dataUnit.duplicate()).flip();
            held.add(copy);
            if (now - heldSince >= batchNanos) {
                while (!held.isEmpty()) {
                    timedOnDataUnit(held.poll());
                }
            }
        }

        private void timedOnDataUnit(ByteBuffer dataUnit) {
            int c = sink.clientCount();
            // The thread's CPU time beside the wall time tells a slow call (work, page faults)
            // from one that was off the CPU (preempted by the loops or the generator, or blocked).
            long cpu = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            sink.onDataUnit(dataUnit);
            long d = System.nanoTime() - t;
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            long controlTime = control ? timedControl() : 0;
            synchronized (this) {
                if (n == nanos.length) {
                    nanos = Arrays.copyOf(nanos, n * 2);
                    controlNanos = Arrays.copyOf(controlNanos, n * 2);
                    cpuNanos = Arrays.copyOf(cpuNanos, n * 2);
                    clients = Arrays.copyOf(clients, n * 2);
                }
                cpuNanos[n] = cpu;
                nanos[n] = d;
                controlNanos[n] = controlTime;
                clients[n++] = c;
                maxClients = Math.max(maxClients, c);
            }
        }

        /** A serial chain of multiply-adds, a few microseconds long, timed like onDataUnit. */
        private long timedControl() {
            long t = System.nanoTime();
            long x = controlSink | 1;
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            long d = System.nanoTime() - t;
            controlSink = x; // keeps the loop from being optimized away
            return d;
        }

        @Override
        public void onEndWriting() throws IOException {
            sink.onEndWriting();
        }

        synchronized String report(int minClients) {
            int threshold = minClients >= 0 ? minClients : (int) (maxClients * 0.95);
            StringBuilder out = new StringBuilder("onDataUnit latency, all " + describe(Arrays.copyOf(nanos, n)));
            java.util.TreeSet<Integer> thresholds = new java.util.TreeSet<>(List.of(1000, 2000, 5000, 8000, 10000, 15000));
            thresholds.add(threshold);
            for (int t : thresholds) {
                long[] loaded = withAtLeast(nanos, t);
                if (loaded.length > 0 || t == threshold) {
                    out.append("\nonDataUnit latency, with >= ").append(t).append(" clients connected (max seen ")
                            .append(maxClients).append("): ").append(describe(loaded));
                }
            }
            out.append("\n").append(slowestOnCpu(threshold));
            if (control) {
                out.append("\ncontrol (fixed arithmetic right after each call), with >= ").append(threshold)
                        .append(" clients connected: ").append(describe(withAtLeast(controlNanos, threshold)));
            }
            return out.toString();
        }

        /** The recorded {@code values} of the calls made with at least {@code minClients} clients connected. */
        private long[] withAtLeast(long[] values, int minClients) {
            long[] picked = new long[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (clients[i] >= minClients) {
                    picked[m++] = values[i];
                }
            }
            return Arrays.copyOf(picked, m);
        }

        /** For the slowest 1% of the calls at or above {@code threshold} clients: wall time against CPU time. */
        private String slowestOnCpu(int threshold) {
            java.util.List<long[]> calls = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (clients[i] >= threshold) {
                    calls.add(new long[] {nanos[i], cpuNanos[i]});
                }
            }
            if (calls.isEmpty()) {
                return "slowest 1%: no samples";
            }
            calls.sort((a, b) -> Long.compare(b[0], a[0]));
            int k = Math.max(1, calls.size() / 100);
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                    "slowest 1%% (%d calls, >= %d clients), wall / on-CPU us:", k, threshold));
            for (int i = 0; i < k; i++) {
                out.append(String.format(Locale.ROOT, " %.0f/%.0f", calls.get(i)[0] / 1e3, calls.get(i)[1] / 1e3));
            }
            return out.toString();
        }

        private static String describe(long[] v) {
            if (v.length == 0) {
                return "no samples";
            }
            Arrays.sort(v);
            return String.format(Locale.ROOT, "%d calls: p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us",
                    v.length, at(v, 50), at(v, 90), at(v, 99), at(v, 99.9), v[v.length - 1] / 1e3);
        }

        private static double at(long[] sorted, double p) {
            int rank = (int) Math.ceil(p / 100 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e3;
        }
    }
}
