package org.asfcast.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A load generator for live ASF servers: N concurrent players on one URL, opened at a given rate,
 * held for a given time, each reading and discarding its stream while measuring what a player would
 * feel (time to the first {@code $D}, to the first key-frame start, the longest gap between packets,
 * whether it was cut off). Reports percentiles, stalls, aggregate throughput and, given the server's
 * PID, the server's CPU seconds and peak RSS (its whole process tree), and this JVM's own CPU.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.asfcast.bench.LoadGenerator --url mmsh://127.0.0.1:8080/
 *     --clients 1000 --rate 500 --duration 30 [--plain] [--server-pid PID] [--threads N]
 *     [--first-frame K] [--label NAME] [--json FILE] [--rcvbuf BYTES] [--stall-ms 2000]</pre>
 *
 * <p>Requests are a VLC Play ({@code xPlayStrm=1}, HTTP/1.0, {@code NSPlayer/7.10.0.3059}, a random
 * {@code {babac001-…}} GUID; research §1.2) without the Describe, which neither server needs; with
 * {@code --plain}, a plain {@code GET} as a browser or any non-WMSP player sends it.
 *
 * <p>Design: plain {@code java.nio} selectors, one thread per core, each owning its clients and one
 * 256 KiB direct buffer that every read of every client on that thread goes into and is parsed in
 * place. Nothing is allocated per read; per client there is a {@link LoadClient} (a few hundred
 * bytes) and the JDK's socket objects. Netty would add a pipeline and a {@code ByteBuf} per read
 * for nothing this needs, and would tie the instrument to the server's own transport library.
 */
public final class LoadGenerator {

    private static final int READ_BUFFER = 256 << 10;

    private final Options o;
    private final InetSocketAddress address;
    private final String host;
    private final String target;
    private final AtomicReference<String> firstSocketError = new AtomicReference<>();

    private LoadGenerator(Options o) {
        this.o = o;
        URI uri = URI.create(o.url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!List.of("mmsh", "mms", "http").contains(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("--url must be mmsh://HOST:PORT/PATH or http://HOST:PORT/PATH, not " + o.url);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.host = uri.getHost() + ":" + port;
        this.address = new InetSocketAddress(uri.getHost(), port);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        this.target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** Runs the load and prints the summary and a one-line JSON result. */
    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LoadGenerator: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        Result r = new LoadGenerator(o).run();
        System.out.println(r.summary());
        String json = r.json();
        System.out.println("RESULT " + json);
        if (o.json != null) {
            Files.writeString(Path.of(o.json), json + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        System.exit(r.socketErrors > 0 && r.gotData == 0 ? 1 : 0);
    }

    byte[] request(int index) {
        String r;
        if (o.plain) {
            r = "GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: asfcast-loadgen/1\r\n"
                    + "Accept: */*\r\nConnection: close\r\n\r\n";
        } else {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String guid = String.format("{babac001-%04x-%04x-%04x-%012x}", index & 0xFFFF, random.nextInt(0x10000),
                    random.nextInt(0x10000), random.nextLong(1L << 48));
            r = "GET " + target + " HTTP/1.0\r\nHost: " + host + "\r\nAccept: */*\r\n"
                    + "User-Agent: NSPlayer/7.10.0.3059\r\n"
                    + "Pragma: no-cache,rate=1.000000,request-context=2\r\n"
                    + "Pragma: xPlayStrm=1\r\n"
                    + "Pragma: xClientGUID=" + guid + "\r\n"
                    + "Pragma: stream-switch-count=2\r\n"
                    + "Pragma: stream-switch-entry=ffff:1:0 ffff:2:0 \r\n"
                    + "Connection: Close\r\n\r\n";
        }
        return r.getBytes(StandardCharsets.ISO_8859_1);
    }

    private Result run() throws Exception {
        ProcessTree server = o.serverPid > 0 ? new ProcessTree(o.serverPid) : null;
        if (server != null && !server.alive()) {
            throw new IllegalStateException("no process " + o.serverPid);
        }
        Result r = new Result(o);
        r.loadStart = ProcessTree.loadAverage();
        if (o.idleFirstFrame > 0) {
            r.firstFrameIdleMs = FirstFrameProbe.run(o, o.idleFirstFrame);
        }
        RssSampler sampler = server == null ? null : new RssSampler(server);
        if (sampler != null) {
            sampler.start();
        }
        double genCpu0 = ProcessTree.selfCpuSeconds();
        double srvCpu0 = server == null ? Double.NaN : server.cpuSeconds();
        long rampNanos = (long) (o.clients * 1e9 / o.rate);
        long t0 = System.nanoTime() + 50_000_000L;
        long rampEnd = t0 + rampNanos;
        long end = rampEnd + (long) (o.duration * 1e9);
        Worker[] workers = new Worker[o.threads];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i, t0, end);
            workers[i].start();
        }
        Thread probes = null;
        List<Double> underLoad = new ArrayList<>();
        if (o.firstFrame > 0) {
            probes = new Thread(() -> {
                sleepUntil(rampEnd + 1_000_000_000L);
                underLoad.addAll(FirstFrameProbe.run(o, o.firstFrame));
            }, "first-frame-probes");
            probes.setDaemon(true);
            probes.start();
        }
        // progress, and the snapshots that bound the steady-state window
        long nextReport = t0 + 5_000_000_000L;
        boolean rampSeen = false;
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            if (!rampSeen && now >= rampEnd) {
                rampSeen = true;
                r.bytesAtRampEnd = totalBytes(workers);
                r.serverCpuAtRampEnd = server == null ? Double.NaN : server.cpuSeconds();
            }
            if (now >= nextReport) {
                nextReport += 5_000_000_000L;
                int open = 0;
                for (Worker w : workers) {
                    open += w.open;
                }
                System.err.printf(Locale.ROOT, "[%5.1f s] %d/%d connections open, %.3f GB received%s%n",
                        (now - t0) / 1e9, open, o.clients, totalBytes(workers) / 1e9,
                        server == null ? "" : String.format(Locale.ROOT, ", server %.1f CPU s, %.0f MB RSS",
                                server.cpuSeconds() - srvCpu0, sampler.peak / 1e6));
            }
            Thread.sleep(Math.max(1, Math.min(100, (end - now) / 1_000_000L)));
        }
        if (!rampSeen) {
            r.bytesAtRampEnd = totalBytes(workers);
            r.serverCpuAtRampEnd = server == null ? Double.NaN : server.cpuSeconds();
        }
        r.bytesAtEnd = totalBytes(workers);
        r.serverCpuAtEnd = server == null ? Double.NaN : server.cpuSeconds();
        for (Worker w : workers) {
            w.join(TimeUnit.SECONDS.toMillis(60));
        }
        if (probes != null) {
            probes.join(TimeUnit.SECONDS.toMillis(120));
            r.firstFrameMs = new ArrayList<>(underLoad);
        }
        if (sampler != null) {
            sampler.interrupt();
            sampler.join(2000);
            r.serverRssPeak = sampler.peak;
            r.serverRssHeld = sampler.medianSince(rampEnd);
        }
        r.generatorCpu = ProcessTree.selfCpuSeconds() - genCpu0;
        r.serverCpu0 = srvCpu0;
        r.loadEnd = ProcessTree.loadAverage();
        r.firstSocketError = firstSocketError.get();
        List<LoadClient> all = new ArrayList<>();
        for (Worker w : workers) {
            all.addAll(w.clients);
        }
        r.tally(all, t0, rampEnd, end);
        for (Worker w : workers) {
            r.workerIterations.add(String.format(Locale.ROOT, "%s %.0f ms at %.1f s", w.getName(), w.longestIteration / 1e6,
                    (w.longestIterationEnd - t0) / 1e9));
        }
        return r;
    }

    private static long totalBytes(Worker[] workers) {
        long sum = 0;
        for (Worker w : workers) {
            sum += w.bytesRead;
        }
        return sum;
    }

    static void sleepUntil(long nanoTime) {
        try {
            long wait;
            while ((wait = nanoTime - System.nanoTime()) > 0) {
                Thread.sleep(Math.max(1, wait / 1_000_000L));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One selector thread: opens clients k, k+T, k+2T, ... on schedule and serves them until the end. */
    private final class Worker extends Thread {
        private final int first;
        private final long t0;
        private final long end;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER);
        final List<LoadClient> clients = new ArrayList<>();
        volatile long bytesRead;
        volatile int open;
        /** The longest time between two looks at the selector, and when it ended: a stall of the generator itself. */
        long longestIteration;
        long longestIterationEnd;

        Worker(int first, long t0, long end) {
            super("loadgen-" + first);
            this.first = first;
            this.t0 = t0;
            this.end = end;
            setDaemon(true);
        }

        private long due(int index) {
            return t0 + (long) (index * 1e9 / o.rate);
        }

        @Override
        public void run() {
            try (Selector selector = Selector.open()) {
                int next = first;
                long bytes = 0;
                long previous = System.nanoTime();
                while (true) {
                    long now = System.nanoTime();
                    if (now - previous > longestIteration) {
                        longestIteration = now - previous;
                        longestIterationEnd = now;
                    }
                    previous = now;
                    if (now >= end) {
                        break;
                    }
                    while (next < o.clients && due(next) <= now) {
                        open(selector, next, now);
                        next += o.threads;
                    }
                    long until = next < o.clients ? Math.min(due(next), end) : end;
                    long timeoutMs = Math.max(1, (until - System.nanoTime()) / 1_000_000L);
                    selector.select(Math.min(timeoutMs, 100));
                    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey key = it.next();
                        it.remove();
                        bytes += serve(key);
                    }
                    bytesRead = bytes;
                }
                long now = System.nanoTime();
                for (SelectionKey key : selector.keys()) {
                    closeQuietly(key);
                }
                for (LoadClient c : clients) {
                    c.finish(Math.min(now, end));
                }
                open = 0;
            } catch (IOException e) {
                throw new IllegalStateException("selector failed", e);
            }
        }

        private void open(Selector selector, int index, long now) {
            LoadClient c = new LoadClient(index, !o.plain);
            clients.add(c);
            c.connectStart = now;
            SocketChannel ch = null;
            try {
                ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (o.rcvbuf > 0) {
                    ch.setOption(StandardSocketOptions.SO_RCVBUF, o.rcvbuf);
                }
                Conn conn = new Conn(c, ByteBuffer.wrap(request(index)));
                if (ch.connect(address)) {
                    c.connected = System.nanoTime();
                    ch.register(selector, SelectionKey.OP_WRITE, conn);
                } else {
                    ch.register(selector, SelectionKey.OP_CONNECT, conn);
                }
                open++;
            } catch (IOException e) {
                String why = "cannot open a socket (" + e.getMessage() + ")" + hint(e);
                firstSocketError.compareAndSet(null, why);
                c.failed(now, why);
                if (ch != null) {
                    try {
                        ch.close();
                    } catch (IOException ignored) {
                        // nothing more to do
                    }
                }
            }
        }

        /** Serves one ready key; returns the bytes read. */
        private long serve(SelectionKey key) {
            Conn conn = (Conn) key.attachment();
            LoadClient c = conn.client;
            SocketChannel ch = (SocketChannel) key.channel();
            long now = System.nanoTime();
            try {
                if (key.isConnectable()) {
                    ch.finishConnect();
                    c.connected = now;
                    key.interestOps(SelectionKey.OP_WRITE);
                    return 0;
                }
                if (key.isWritable()) {
                    ch.write(conn.request);
                    if (!conn.request.hasRemaining()) {
                        conn.request = null;
                        key.interestOps(SelectionKey.OP_READ);
                    }
                    return 0;
                }
                if (!key.isReadable()) {
                    return 0;
                }
                long total = 0;
                for (int round = 0; round < 4; round++) {
                    buffer.clear();
                    int n = ch.read(buffer);
                    now = System.nanoTime();
                    if (n < 0) {
                        c.lost(now, c.status == 200 ? "closed by the server" : "closed before a response");
                        close(key);
                        return total;
                    }
                    total += n;
                    if (n > 0 && !c.consume(buffer, 0, n, now)) {
                        if (c.ended < 0) {
                            c.ended = now;
                        }
                        close(key);
                        return total;
                    }
                    if (n < buffer.capacity()) {
                        break;
                    }
                }
                return total;
            } catch (IOException e) {
                String why = (c.connected < 0 ? "cannot connect (" : "connection failed (") + e.getMessage() + ")"
                        + (c.connected < 0 ? hint(e) : "");
                if (c.connected < 0) {
                    firstSocketError.compareAndSet(null, why);
                    c.failed(now, why);
                } else {
                    c.lost(now, why);
                }
                close(key);
                return 0;
            }
        }

        private void close(SelectionKey key) {
            closeQuietly(key);
            open--;
        }

        private void closeQuietly(SelectionKey key) {
            key.cancel();
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static String hint(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("Too many open files")) {
            return ": raise the limit with 'ulimit -n' (the generator needs one descriptor per client)";
        }
        if (m.contains("Cannot assign requested address")) {
            return ": out of ephemeral ports to this address (net.ipv4.ip_local_port_range)";
        }
        if (m.contains("Connection refused")) {
            return ": nothing listens there, or its accept backlog overflowed";
        }
        return "";
    }

    private static final class Conn {
        final LoadClient client;
        ByteBuffer request;

        Conn(LoadClient client, ByteBuffer request) {
            this.client = client;
            this.request = request;
        }
    }

    /** RSS of the server's process tree, sampled every 250 ms: the peak, and every sample with its time. */
    private static final class RssSampler extends Thread {
        private final ProcessTree tree;
        volatile long peak;
        private final List<long[]> samples = new ArrayList<>(); // {nanoTime, bytes}

        RssSampler(ProcessTree tree) {
            super("rss-sampler");
            this.tree = tree;
            setDaemon(true);
        }

        /** The median of the samples taken from {@code from} on (all clients connected), or -1. */
        long medianSince(long from) {
            List<Double> held = new ArrayList<>();
            synchronized (samples) {
                for (long[] sample : samples) {
                    if (sample[0] >= from) {
                        held.add((double) sample[1]);
                    }
                }
            }
            return held.isEmpty() ? -1 : (long) Result.median(held);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                long rss = tree.rssBytes();
                peak = Math.max(peak, rss);
                synchronized (samples) {
                    samples.add(new long[] {System.nanoTime(), rss});
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Command-line options. */
    static final class Options {
        static final String USAGE = "usage: LoadGenerator --url mmsh://HOST:PORT/PATH --clients N --rate R "
                + "--duration S [--plain] [--server-pid PID] [--threads N] [--first-frame K] "
                + "[--first-frame-idle K] [--label NAME] [--json FILE] [--rcvbuf BYTES] [--stall-ms MS]";
        String url;
        int clients = 100;
        double rate = 100;
        double duration = 30;
        boolean plain;
        long serverPid;
        int threads = Runtime.getRuntime().availableProcessors();
        int firstFrame;
        int idleFirstFrame;
        String label = "";
        String json;
        int rcvbuf;
        long stallMillis = 2000;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--plain")) {
                    o.plain = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--url" -> o.url = v;
                    case "--clients" -> o.clients = Integer.parseInt(v);
                    case "--rate" -> o.rate = Double.parseDouble(v.replace("/s", ""));
                    case "--duration" -> o.duration = Double.parseDouble(v.replace("s", ""));
                    case "--server-pid" -> o.serverPid = Long.parseLong(v);
                    case "--threads" -> o.threads = Integer.parseInt(v);
                    case "--first-frame" -> o.firstFrame = Integer.parseInt(v);
                    case "--first-frame-idle" -> o.idleFirstFrame = Integer.parseInt(v);
                    case "--label" -> o.label = v;
                    case "--json" -> o.json = v;
                    case "--rcvbuf" -> o.rcvbuf = Integer.parseInt(v);
                    case "--stall-ms" -> o.stallMillis = Long.parseLong(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (o.url == null) {
                throw new IllegalArgumentException("--url is required");
            }
            if (o.clients < 1 || o.rate <= 0 || o.duration < 0 || o.threads < 1) {
                throw new IllegalArgumentException("--clients, --rate and --threads must be positive, --duration >= 0");
            }
            return o;
        }
    }

    /**
     * Time to first decoded frame as a user sees it: {@code ffmpeg -i URL -frames:v 1 -f null -}
     * wall time, taken by a shell around the ffmpeg process, as {@code time} in a terminal would.
     * Timing {@link Process} from here instead would add this JVM's own cost of starting and
     * reaping a child while it holds thousands of sockets and two busy threads: 23 to 92 ms per
     * probe measured at 10,000 clients (docs/benchmarks.md, fourth round).
     */
    static final class FirstFrameProbe {
        private static final String TIMED = "printf '%s\\n' \"$EPOCHREALTIME\"; "
                + "ffmpeg -nostdin -v error -i \"$1\" -frames:v 1 -f null - >/dev/null 2>&1; rc=$?; "
                + "printf '%s\\n' \"$EPOCHREALTIME\"; exit $rc";

        static List<Double> run(Options o, int times) {
            List<Double> ms = new ArrayList<>();
            String url = o.url.replaceFirst("^(?i)(mms|http)://", "mmsh://");
            if (o.plain) {
                url = o.url.replaceFirst("^(?i)mmsh?://", "http://");
            }
            for (int i = 0; i < times; i++) {
                try {
                    ProcessBuilder b = new ProcessBuilder("bash", "-c", TIMED, "first-frame-probe", url)
                            .redirectError(ProcessBuilder.Redirect.DISCARD);
                    b.environment().put("LC_ALL", "C"); // a decimal point in $EPOCHREALTIME
                    Process p = b.start();
                    if (!p.waitFor(20, TimeUnit.SECONDS)) {
                        // ffmpeg is the shell's child: killing the shell alone would leave it playing
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                        ms.add(Double.NaN);
                        continue;
                    }
                    ms.add(p.exitValue() == 0 ? elapsedMillis(new String(p.getInputStream().readAllBytes(),
                            java.nio.charset.StandardCharsets.US_ASCII)) : Double.NaN);
                } catch (IOException e) {
                    ms.add(Double.NaN);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return ms;
        }

        /** The milliseconds between the two {@code $EPOCHREALTIME} lines (seconds.micros); NaN if not two. */
        static double elapsedMillis(String stamps) {
            String[] lines = stamps.strip().split("\\s+");
            if (lines.length != 2) {
                return Double.NaN;
            }
            try {
                return new java.math.BigDecimal(lines[1]).subtract(new java.math.BigDecimal(lines[0]))
                        .movePointRight(3).doubleValue();
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
    }

    /** What a run measured, and its two renderings. */
    static final class Result {
        final Options o;
        double loadStart;
        double loadEnd;
        long bytesAtRampEnd;
        long bytesAtEnd;
        double serverCpu0;
        double serverCpuAtRampEnd;
        double serverCpuAtEnd;
        long serverRssPeak = -1;
        long serverRssHeld = -1;
        double generatorCpu;
        List<Double> firstFrameMs = List.of();
        List<Double> firstFrameIdleMs = List.of();
        String firstSocketError;

        int connected;
        int ok;
        int gotData;
        int stalled;
        int cutOff;
        int refused;
        int socketErrors;
        int noKeyFrame;
        long parseErrors;
        double rampSeconds;
        double holdSeconds;
        double wholeSeconds;
        long[] joinData = new long[0];
        long[] joinKey = new long[0];
        long[] maxGap = new long[0];
        long[] bitrate = new long[0];
        /** Clients whose longest gap passed 1 s, by the second of the run it ended in, per worker thread. */
        final java.util.TreeMap<Long, int[]> longGapsEnded = new java.util.TreeMap<>();
        final List<String> workerIterations = new ArrayList<>();
        Map<String, Integer> failures = new LinkedHashMap<>();

        Result(Options o) {
            this.o = o;
        }

        void tally(List<LoadClient> all, long t0, long rampEnd, long end) {
            rampSeconds = (rampEnd - t0) / 1e9;
            holdSeconds = (end - rampEnd) / 1e9;
            wholeSeconds = (end - t0) / 1e9;
            long stallNanos = o.stallMillis * 1_000_000L;
            List<Long> jd = new ArrayList<>();
            List<Long> jk = new ArrayList<>();
            List<Long> gaps = new ArrayList<>();
            List<Long> rates = new ArrayList<>();
            for (LoadClient c : all) {
                if (c.connected >= 0) {
                    connected++;
                }
                if (c.status == 200) {
                    ok++;
                }
                if (c.failure != null) {
                    String kind = c.failure.replaceAll("\\(.*", "").trim();
                    failures.merge(kind, 1, Integer::sum);
                    if (c.failure.startsWith("cannot")) {
                        socketErrors++;
                    } else if (c.failure.startsWith("refused")) {
                        refused++;
                    }
                }
                if (c.cutOff) {
                    cutOff++;
                }
                parseErrors += c.parseErrors;
                if (c.firstData < 0 || c.maxGapNanos > stallNanos) {
                    stalled++;
                }
                if (c.firstData >= 0) {
                    gotData++;
                    jd.add(c.firstData - c.connectStart);
                    gaps.add(c.maxGapNanos);
                    if (c.maxGapNanos > 1_000_000_000L) {
                        longGapsEnded.computeIfAbsent((c.maxGapEnd - t0) / 1_000_000_000L, k -> new int[o.threads])
                                [c.index % o.threads]++;
                    }
                    if (c.firstKey >= 0) {
                        jk.add(c.firstKey - c.connectStart);
                    } else {
                        noKeyFrame++;
                    }
                    double life = (Math.max(c.ended, c.firstData) - c.connectStart) / 1e9;
                    if (life > 0) {
                        rates.add((long) (c.bodyBytes * 8 / life));
                    }
                }
            }
            joinData = sorted(jd);
            joinKey = sorted(jk);
            maxGap = sorted(gaps);
            bitrate = sorted(rates);
        }

        private static long[] sorted(List<Long> values) {
            long[] a = values.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(a);
            return a;
        }

        static double pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        static double median(List<Double> values) {
            double[] a = values.stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).sorted().toArray();
            if (a.length == 0) {
                return Double.NaN;
            }
            return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
        }

        double holdGbps() {
            return holdSeconds <= 0 ? Double.NaN : (bytesAtEnd - bytesAtRampEnd) * 8 / holdSeconds / 1e9;
        }

        double wholeGbit() {
            return bytesAtEnd * 8 / 1e9;
        }

        double serverCpu() {
            return serverCpuAtEnd - serverCpu0;
        }

        double serverCpuHold() {
            return serverCpuAtEnd - serverCpuAtRampEnd;
        }

        String summary() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "%s%s, %d clients (%s) at %.0f/s: ramp %.1f s, then %.1f s held; %d threads%n",
                    o.label.isEmpty() ? "" : o.label + ": ", o.url, o.clients, o.plain ? "plain HTTP GET" : "MS-WMSP Play",
                    o.rate, rampSeconds, holdSeconds, o.threads));
            s.append(String.format(Locale.ROOT, "  connected %d, HTTP 200 %d, got data %d; stalled %d (gap > %d ms or no data), "
                    + "cut off %d, refused %d, socket errors %d%n", connected, ok, gotData, stalled, o.stallMillis, cutOff,
                    refused, socketErrors));
            if (firstSocketError != null) {
                s.append("  ERROR: ").append(firstSocketError).append('\n');
            }
            if (!failures.isEmpty()) {
                s.append("  endings: ").append(failures).append('\n');
            }
            s.append(String.format(Locale.ROOT, "  join to first $D  ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                    pct(joinData, 50) / 1e6, pct(joinData, 90) / 1e6, pct(joinData, 99) / 1e6, pct(joinData, 100) / 1e6));
            s.append(String.format(Locale.ROOT, "  join to key frame ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  (%d without one)%n",
                    pct(joinKey, 50) / 1e6, pct(joinKey, 90) / 1e6, pct(joinKey, 99) / 1e6, pct(joinKey, 100) / 1e6, noKeyFrame));
            s.append(String.format(Locale.ROOT, "  longest gap ms:     p50 %.1f  p99 %.1f  max %.1f;  avg bitrate kbit/s: p50 %.0f  p1 %.0f%n",
                    pct(maxGap, 50) / 1e6, pct(maxGap, 99) / 1e6, pct(maxGap, 100) / 1e6, pct(bitrate, 50) / 1e3,
                    pct(bitrate, 1) / 1e3));
            if (!longGapsEnded.isEmpty()) {
                // Which second, and which generator thread's clients: a pause of the server's loops
                // or of this generator shows as a crowd in one second, on one thread or on all.
                s.append("  gaps over 1 s, by the second they ended (clients per generator thread):");
                longGapsEnded.entrySet().stream()
                        .sorted((a, b) -> Integer.compare(Arrays.stream(b.getValue()).sum(), Arrays.stream(a.getValue()).sum()))
                        .limit(5)
                        .forEach(e -> s.append(String.format(Locale.ROOT, " %d s: %s;", e.getKey(), Arrays.toString(e.getValue()))));
                s.append(String.format(Locale.ROOT, " longest generator iteration: %s%n", String.join(", ", workerIterations)));
            }
            s.append(String.format(Locale.ROOT, "  received %.3f GB; %.3f Gbit/s while held%n", bytesAtEnd / 1e9, holdGbps()));
            if (!Double.isNaN(serverCpu0)) {
                s.append(String.format(Locale.ROOT, "  server (pid %d tree): %.2f CPU s (%.2f while held), %.3f CPU s per Gbit "
                        + "(%.3f while held), peak RSS %.1f MB (median while held %.1f MB)%n", o.serverPid, serverCpu(),
                        serverCpuHold(), serverCpu() / wholeGbit(), serverCpuHold() / ((bytesAtEnd - bytesAtRampEnd) * 8 / 1e9),
                        serverRssPeak / 1e6, serverRssHeld / 1e6));
            }
            s.append(String.format(Locale.ROOT, "  generator: %.2f CPU s; load average %.2f -> %.2f%n", generatorCpu, loadStart,
                    loadEnd));
            if (!firstFrameMs.isEmpty() || !firstFrameIdleMs.isEmpty()) {
                s.append(String.format(Locale.ROOT, "  first decoded frame (ffmpeg) ms: median %.0f under load %s; idle %.0f %s%n",
                        median(firstFrameMs), firstFrameMs, median(firstFrameIdleMs), firstFrameIdleMs));
            }
            if (parseErrors > 0) {
                s.append("  ASF parse errors while looking for key frames: ").append(parseErrors).append('\n');
            }
            return s.toString();
        }

        String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", o.label);
            m.put("url", o.url);
            m.put("mode", o.plain ? "http" : "wmsp");
            m.put("clients", o.clients);
            m.put("rate", o.rate);
            m.put("ramp_s", rampSeconds);
            m.put("hold_s", holdSeconds);
            m.put("threads", o.threads);
            m.put("connected", connected);
            m.put("http_200", ok);
            m.put("got_data", gotData);
            m.put("stalled", stalled);
            m.put("stall_free", o.clients - stalled);
            m.put("cut_off", cutOff);
            m.put("refused", refused);
            m.put("socket_errors", socketErrors);
            m.put("first_socket_error", firstSocketError);
            m.put("no_key_frame", noKeyFrame);
            for (double p : new double[] {50, 90, 99, 100}) {
                String k = p == 100 ? "max" : "p" + (int) p;
                m.put("join_data_ms_" + k, pct(joinData, p) / 1e6);
                m.put("join_key_ms_" + k, pct(joinKey, p) / 1e6);
            }
            m.put("max_gap_ms_p50", pct(maxGap, 50) / 1e6);
            m.put("max_gap_ms_p99", pct(maxGap, 99) / 1e6);
            m.put("max_gap_ms_max", pct(maxGap, 100) / 1e6);
            m.put("bitrate_kbps_p50", pct(bitrate, 50) / 1e3);
            m.put("bitrate_kbps_p1", pct(bitrate, 1) / 1e3);
            m.put("bytes", bytesAtEnd);
            m.put("gbps_hold", holdGbps());
            m.put("server_pid", o.serverPid);
            m.put("server_cpu_s", serverCpu());
            m.put("server_cpu_s_hold", serverCpuHold());
            m.put("server_cpu_s_per_gbit", serverCpu() / wholeGbit());
            m.put("server_cpu_s_per_gbit_hold", serverCpuHold() / ((bytesAtEnd - bytesAtRampEnd) * 8 / 1e9));
            m.put("server_rss_peak_mb", serverRssPeak < 0 ? Double.NaN : serverRssPeak / 1e6);
            m.put("server_rss_held_mb", serverRssHeld < 0 ? Double.NaN : serverRssHeld / 1e6);
            m.put("generator_cpu_s", generatorCpu);
            m.put("first_frame_ms_median", median(firstFrameMs));
            m.put("first_frame_ms", firstFrameMs);
            m.put("first_frame_idle_ms_median", median(firstFrameIdleMs));
            m.put("first_frame_idle_ms", firstFrameIdleMs);
            m.put("load_start", loadStart);
            m.put("load_end", loadEnd);
            m.put("parse_errors", parseErrors);
            StringBuilder s = new StringBuilder("{");
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (s.length() > 1) {
                    s.append(',');
                }
                s.append('"').append(e.getKey()).append("\":").append(value(e.getValue()));
            }
            return s.append('}').toString();
        }

        private static String value(Object v) {
            if (v == null) {
                return "null";
            }
            if (v instanceof Double d) {
                return d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.4f", d);
            }
            if (v instanceof Number || v instanceof Boolean) {
                return v.toString();
            }
            if (v instanceof List<?> list) {
                StringBuilder s = new StringBuilder("[");
                for (Object x : list) {
                    if (s.length() > 1) {
                        s.append(',');
                    }
                    s.append(value(x));
                }
                return s.append(']').toString();
            }
            return '"' + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }
}
