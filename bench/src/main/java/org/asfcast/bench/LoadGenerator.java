package org.asfcast.bench;

import java.io.IOException;
import java.net.StandardSocketOptions;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A load generator for ASF servers: N concurrent players on one URL, opened at a given rate,
 * held for a given time, each reading and discarding its stream while measuring what a player would
 * feel (time to the first {@code $D}, to the first key-frame start, the longest gap between packets,
 * whether it was cut off). Reports percentiles, stalls, aggregate throughput and, given the server's
 * PID, the server's CPU seconds and peak RSS (its whole process tree), and this JVM's own CPU.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.asfcast.bench.LoadGenerator --url mmsh://127.0.0.1:8080/
 *     --clients 1000 --rate 500 --duration 30 [--plain] [--server-pid PID] [--threads N]
 *     [--first-frame K] [--label NAME] [--json FILE] [--rcvbuf BYTES] [--stall-ms 2000]
 *     [--on-demand-clients M --url-list FILE [--start-spread SECONDS] [--no-next-file]]</pre>
 *
 * <p>On demand: {@code --on-demand-clients M} players each play one of the files that
 * {@code --url-list} names (one URL a line; player k the (k mod F)th), from
 * {@link StartSpread#millis} of {@code --start-spread}, asked as FFmpeg asks for {@code -ss}
 * ({@link PlayRequests#ffmpegPlay}). A player whose file ends ({@code $E}) before the run does has
 * finished it, not stalled; by default it then plays the next file of the list from its start, on
 * a new connection, so the load stays what it was ({@code --no-next-file}: it stays gone). Given
 * with {@code --url} and {@code --clients}, both kinds run together, interleaved
 * ({@link PlayerMix}); the result then also counts each kind on its own (its bytes, stalls, gaps).
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
    private final PlayerMix mix;
    private final LoadTarget broadcast; // null without broadcast players
    private final List<LoadTarget> files;
    private final AtomicReference<String> firstSocketError = new AtomicReference<>();

    private LoadGenerator(Options o, List<LoadTarget> files) {
        this.o = o;
        this.mix = new PlayerMix(o.clients, o.onDemandClients);
        this.broadcast = o.url == null ? null : LoadTarget.of(o.url);
        this.files = files;
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
        Result r;
        try {
            r = measure(o);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("LoadGenerator: " + (e instanceof IOException ? "cannot read --url-list: " : "") + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(r.summary());
        String json = r.json();
        System.out.println("RESULT " + json);
        if (o.json != null) {
            Files.writeString(Path.of(o.json), json + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        System.exit(r.all.socketErrors > 0 && r.all.gotData == 0 ? 1 : 0);
    }

    /**
     * Runs the load {@code o} describes and returns what it measured.
     *
     * @throws IllegalArgumentException when a URL is not one
     * @throws IOException              when the URL list cannot be read
     */
    static Result measure(Options o) throws Exception {
        List<LoadTarget> files = o.urlList == null ? List.of() : LoadTarget.list(Path.of(o.urlList));
        if (o.url != null) {
            LoadTarget.of(o.url);
        }
        return new LoadGenerator(o, files).run();
    }

    /** Where a player's next connection goes, and the request head it sends there. */
    private record Ask(LoadTarget to, byte[] request) {
    }

    /**
     * What player {@code c} asks for on its next connection: the broadcast; or, on demand, its
     * file (the next one of the list for each file it finished) from its spread start the first
     * time, from the beginning after.
     */
    private Ask ask(LoadClient c) {
        if (!c.onDemand) {
            return new Ask(broadcast, o.plain ? PlayRequests.plainGet(broadcast) : PlayRequests.vlcPlay(broadcast, c.index));
        }
        int k = mix.ordinal(c.index);
        LoadTarget file = files.get((int) ((k + (long) c.filesFinished) % files.size()));
        long start = c.filesFinished == 0 ? o.startSpread.millis(k) : 0;
        return new Ask(file, PlayRequests.ffmpegPlay(file, c.index, start));
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
            r.serverRssIdle = server.rssBytes(); // before the first player: what the players add is measured from here
            r.serverRssAnonIdle = server.anonRssBytes();
            sampler.start();
        }
        double genCpu0 = ProcessTree.selfCpuSeconds();
        double srvCpu0 = server == null ? Double.NaN : server.cpuSeconds();
        long rampNanos = (long) (mix.total() * 1e9 / o.rate);
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
                r.kindBytesAtRampEnd = kindBytes(workers);
                r.serverCpuAtRampEnd = server == null ? Double.NaN : server.cpuSeconds();
            }
            if (now >= nextReport) {
                nextReport += 5_000_000_000L;
                int open = 0;
                for (Worker w : workers) {
                    open += w.open;
                }
                System.err.printf(Locale.ROOT, "[%5.1f s] %d/%d connections open, %.3f GB received%s%n",
                        (now - t0) / 1e9, open, mix.total(), totalBytes(workers) / 1e9,
                        server == null ? "" : String.format(Locale.ROOT, ", server %.1f CPU s, %.0f MB RSS",
                                server.cpuSeconds() - srvCpu0, sampler.peak / 1e6));
            }
            Thread.sleep(Math.max(1, Math.min(100, (end - now) / 1_000_000L)));
        }
        if (!rampSeen) {
            r.bytesAtRampEnd = totalBytes(workers);
            r.kindBytesAtRampEnd = kindBytes(workers);
            r.serverCpuAtRampEnd = server == null ? Double.NaN : server.cpuSeconds();
        }
        r.bytesAtEnd = totalBytes(workers);
        r.kindBytesAtEnd = kindBytes(workers);
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
            r.serverRssAnonHeld = sampler.anonMedianSince(rampEnd);
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
        long[] kinds = kindBytes(workers);
        return kinds[0] + kinds[1];
    }

    /** The bytes received so far by broadcast players [0] and on-demand players [1]. */
    private static long[] kindBytes(Worker[] workers) {
        long[] sum = new long[2];
        for (Worker w : workers) {
            sum[0] += w.broadcastBytes;
            sum[1] += w.onDemandBytes;
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
        volatile long broadcastBytes;
        volatile long onDemandBytes;
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
                long[] bytes = new long[2];
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
                    while (next < mix.total() && due(next) <= now) {
                        open(selector, next, now);
                        next += o.threads;
                    }
                    long until = next < mix.total() ? Math.min(due(next), end) : end;
                    long timeoutMs = Math.max(1, (until - System.nanoTime()) / 1_000_000L);
                    selector.select(Math.min(timeoutMs, 100));
                    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey key = it.next();
                        it.remove();
                        LoadClient c = ((Conn) key.attachment()).client;
                        bytes[c.onDemand ? 1 : 0] += serve(key);
                    }
                    broadcastBytes = bytes[0];
                    onDemandBytes = bytes[1];
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
            LoadClient c = new LoadClient(index, !o.plain, mix.isOnDemand(index));
            clients.add(c);
            c.connectStart = now;
            connect(selector, c, now);
        }

        /** Opens a connection for {@code c} and sends what it asks for. */
        private void connect(Selector selector, LoadClient c, long now) {
            Ask ask = ask(c);
            SocketChannel ch = null;
            try {
                ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (o.rcvbuf > 0) {
                    ch.setOption(StandardSocketOptions.SO_RCVBUF, o.rcvbuf);
                }
                Conn conn = new Conn(c, ByteBuffer.wrap(ask.request()));
                if (ch.connect(ask.to().address())) {
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
                        if (c.atEnd() && o.nextFile) {
                            // the file ended: on to the next one, from its start, so the load stays the same
                            c.nextConnection(now);
                            connect(key.selector(), c, now);
                        }
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

    /**
     * RSS of the server's process tree, sampled every 250 ms: the peak, and every sample with its time
     * and its anonymous part.
     */
    private static final class RssSampler extends Thread {
        private final ProcessTree tree;
        volatile long peak;
        private final List<long[]> samples = new ArrayList<>(); // {nanoTime, bytes, anonymous bytes}

        RssSampler(ProcessTree tree) {
            super("rss-sampler");
            this.tree = tree;
            setDaemon(true);
        }

        /** The median RSS of the samples taken from {@code from} on (all clients connected), or -1. */
        long medianSince(long from) {
            return medianSince(from, 1);
        }

        /** The median anonymous RSS of the samples taken from {@code from} on, or -1. */
        long anonMedianSince(long from) {
            return medianSince(from, 2);
        }

        private long medianSince(long from, int column) {
            List<Double> held = new ArrayList<>();
            synchronized (samples) {
                for (long[] sample : samples) {
                    if (sample[0] >= from) {
                        held.add((double) sample[column]);
                    }
                }
            }
            return held.isEmpty() ? -1 : (long) Result.median(held);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                long rss = tree.rssBytes();
                long anon = tree.anonRssBytes();
                peak = Math.max(peak, rss);
                synchronized (samples) {
                    samples.add(new long[] {System.nanoTime(), rss, anon});
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
                + "[--first-frame-idle K] [--label NAME] [--json FILE] [--rcvbuf BYTES] [--stall-ms MS] "
                + "[--on-demand-clients M --url-list FILE [--start-spread SECONDS] [--no-next-file]]";
        String url;
        /** Broadcast players on {@link #url}: 100 when a URL is given and no count, else 0. */
        int clients = -1;
        int onDemandClients;
        String urlList;
        StartSpread startSpread = new StartSpread(0);
        boolean nextFile = true;
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
                if (a.equals("--no-next-file")) {
                    o.nextFile = false;
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
                    case "--on-demand-clients" -> o.onDemandClients = Integer.parseInt(v);
                    case "--url-list" -> o.urlList = v;
                    case "--start-spread" -> o.startSpread = new StartSpread(Double.parseDouble(v.replace("s", "")));
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (o.clients < 0) {
                o.clients = o.url == null ? 0 : 100;
            }
            if (o.url == null && o.clients > 0) {
                throw new IllegalArgumentException("--url is required for --clients (broadcast players)");
            }
            if (o.urlList == null && o.onDemandClients > 0) {
                throw new IllegalArgumentException("--url-list is required for --on-demand-clients");
            }
            if (o.onDemandClients > 0 && o.plain) {
                throw new IllegalArgumentException("--plain is for broadcasts only: a plain GET of a file gets the file itself, "
                        + "not a paced stream");
            }
            if (o.clients + (long) o.onDemandClients < 1 || o.onDemandClients < 0 || o.rate <= 0 || o.duration < 0
                    || o.threads < 1) {
                throw new IllegalArgumentException("--clients or --on-demand-clients, --rate and --threads must be positive, "
                        + "--duration >= 0");
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
            String given = o.url != null ? o.url : firstUrl(o.urlList);
            String url = given.replaceFirst("^(?i)(mms|http)://", "mmsh://");
            if (o.plain) {
                url = given.replaceFirst("^(?i)mmsh?://", "http://");
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

        /** The first URL of a list: without a broadcast, the probes play the first file from its start. */
        private static String firstUrl(String list) {
            try {
                return LoadTarget.list(Path.of(list)).get(0).url();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
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
        /** Bytes of broadcast players [0] and on-demand players [1], at the end of the ramp and at the end. */
        long[] kindBytesAtRampEnd = new long[2];
        long[] kindBytesAtEnd = new long[2];
        double serverCpu0;
        double serverCpuAtRampEnd;
        double serverCpuAtEnd;
        long serverRssPeak = -1;
        long serverRssHeld = -1;
        long serverRssIdle = -1;
        long serverRssAnonHeld = -1;
        long serverRssAnonIdle = -1;
        double generatorCpu;
        List<Double> firstFrameMs = List.of();
        List<Double> firstFrameIdleMs = List.of();
        String firstSocketError;

        double rampSeconds;
        double holdSeconds;
        double wholeSeconds;
        PlayerTally all = new PlayerTally();
        PlayerTally broadcast = new PlayerTally();
        PlayerTally onDemand = new PlayerTally();
        final List<String> workerIterations = new ArrayList<>();

        Result(Options o) {
            this.o = o;
        }

        void tally(List<LoadClient> players, long t0, long rampEnd, long end) {
            rampSeconds = (rampEnd - t0) / 1e9;
            holdSeconds = (end - rampEnd) / 1e9;
            wholeSeconds = (end - t0) / 1e9;
            all = PlayerTally.of(players, t0, o.stallMillis, o.threads);
            broadcast = PlayerTally.of(players.stream().filter(c -> !c.onDemand).toList(), t0, o.stallMillis, o.threads);
            onDemand = PlayerTally.of(players.stream().filter(c -> c.onDemand).toList(), t0, o.stallMillis, o.threads);
        }

        static double pct(long[] sorted, double p) {
            return PlayerTally.pct(sorted, p);
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

        /** Gbit/s received while held by the players of one kind (0 broadcast, 1 on demand). */
        double holdGbps(int kind) {
            return holdSeconds <= 0 ? Double.NaN : (kindBytesAtEnd[kind] - kindBytesAtRampEnd[kind]) * 8 / holdSeconds / 1e9;
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

        /** Both kinds in one run: each is counted on its own as well. */
        private boolean mixed() {
            return o.clients > 0 && o.onDemandClients > 0;
        }

        private String what() {
            if (o.onDemandClients == 0) {
                return String.format(Locale.ROOT, "%s, %d clients (%s)", o.url, o.clients, o.plain ? "plain HTTP GET" : "MS-WMSP Play");
            }
            String od = String.format(Locale.ROOT, "%d on-demand players (MS-WMSP Play, FFmpeg's) over the files of %s, "
                    + "starts spread over %.0f s, %s", o.onDemandClients, o.urlList, o.startSpread.seconds(),
                    o.nextFile ? "each on to the next file from its start when one ends (load kept constant)"
                            : "each gone when its file ends (--no-next-file)");
            return o.clients == 0 ? od : String.format(Locale.ROOT, "%s, %d broadcast clients (MS-WMSP Play) and %s", o.url,
                    o.clients, od);
        }

        String summary() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "%s%s at %.0f/s: ramp %.1f s, then %.1f s held; %d threads%n",
                    o.label.isEmpty() ? "" : o.label + ": ", what(), o.rate, rampSeconds, holdSeconds, o.threads));
            s.append(String.format(Locale.ROOT, "  connected %d, HTTP 200 %d, got data %d; stalled %d (gap > %d ms or no data), "
                    + "cut off %d, refused %d, socket errors %d%n", all.connected, all.ok, all.gotData, all.stalled,
                    o.stallMillis, all.cutOff, all.refused, all.socketErrors));
            if (o.onDemandClients > 0) {
                s.append(String.format(Locale.ROOT, "  on demand: %d files played to their end ($E, counted as finished, not "
                        + "stalled) by %d players; %d connections to a next file%n", all.filesFinished, all.playersFinished,
                        all.reconnections));
            }
            if (firstSocketError != null) {
                s.append("  ERROR: ").append(firstSocketError).append('\n');
            }
            if (!all.failures.isEmpty()) {
                s.append("  endings: ").append(all.failures).append('\n');
            }
            s.append(String.format(Locale.ROOT, "  join to first $D  ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                    pct(all.joinData, 50) / 1e6, pct(all.joinData, 90) / 1e6, pct(all.joinData, 99) / 1e6,
                    pct(all.joinData, 100) / 1e6));
            s.append(String.format(Locale.ROOT, "  join to key frame ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  (%d without one)%n",
                    pct(all.joinKey, 50) / 1e6, pct(all.joinKey, 90) / 1e6, pct(all.joinKey, 99) / 1e6,
                    pct(all.joinKey, 100) / 1e6, all.noKeyFrame));
            s.append(String.format(Locale.ROOT, "  longest gap ms:     p50 %.1f  p99 %.1f  max %.1f;  avg bitrate kbit/s: p50 %.0f  p1 %.0f%n",
                    pct(all.maxGap, 50) / 1e6, pct(all.maxGap, 99) / 1e6, pct(all.maxGap, 100) / 1e6,
                    pct(all.bitrate, 50) / 1e3, pct(all.bitrate, 1) / 1e3));
            if (mixed()) {
                kindLine(s, "broadcast", broadcast, 0);
                kindLine(s, "on demand", onDemand, 1);
            }
            if (!all.longGapsEnded.isEmpty()) {
                // Which second, and which generator thread's clients: a pause of the server's loops
                // or of this generator shows as a crowd in one second, on one thread or on all.
                s.append("  gaps over 1 s, by the second they ended (clients per generator thread):");
                all.longGapsEnded.entrySet().stream()
                        .sorted((a, b) -> Integer.compare(Arrays.stream(b.getValue()).sum(), Arrays.stream(a.getValue()).sum()))
                        .limit(5)
                        .forEach(e -> s.append(String.format(Locale.ROOT, " %d s: %s;", e.getKey(), Arrays.toString(e.getValue()))));
                s.append(String.format(Locale.ROOT, " longest generator iteration: %s%n", String.join(", ", workerIterations)));
            }
            s.append(String.format(Locale.ROOT, "  received %.3f GB; %.3f Gbit/s while held%n", bytesAtEnd / 1e9, holdGbps()));
            if (!Double.isNaN(serverCpu0)) {
                s.append(String.format(Locale.ROOT, "  server (pid %d tree): %.2f CPU s (%.2f while held), %.3f CPU s per Gbit "
                        + "(%.3f while held), peak RSS %.1f MB (median while held %.1f MB, before the first player %.1f MB)%n",
                        o.serverPid, serverCpu(), serverCpuHold(), serverCpu() / wholeGbit(),
                        serverCpuHold() / ((bytesAtEnd - bytesAtRampEnd) * 8 / 1e9), serverRssPeak / 1e6, serverRssHeld / 1e6,
                        serverRssIdle / 1e6));
            }
            s.append(String.format(Locale.ROOT, "  generator: %.2f CPU s; load average %.2f -> %.2f%n", generatorCpu, loadStart,
                    loadEnd));
            if (!firstFrameMs.isEmpty() || !firstFrameIdleMs.isEmpty()) {
                s.append(String.format(Locale.ROOT, "  first decoded frame (ffmpeg) ms: median %.0f under load %s; idle %.0f %s%n",
                        median(firstFrameMs), firstFrameMs, median(firstFrameIdleMs), firstFrameIdleMs));
            }
            if (all.parseErrors > 0) {
                s.append("  ASF parse errors while looking for key frames: ").append(all.parseErrors).append('\n');
            }
            return s.toString();
        }

        private void kindLine(StringBuilder s, String name, PlayerTally t, int kind) {
            s.append(String.format(Locale.ROOT, "  %s: %d players, stall-free %d, cut off %d; longest gap ms p50 %.1f p99 %.1f "
                    + "max %.1f; join to key frame ms p50 %.1f p99 %.1f; %.3f Gbit/s while held%n", name, t.players, t.stallFree(),
                    t.cutOff, pct(t.maxGap, 50) / 1e6, pct(t.maxGap, 99) / 1e6, pct(t.maxGap, 100) / 1e6,
                    pct(t.joinKey, 50) / 1e6, pct(t.joinKey, 99) / 1e6, holdGbps(kind)));
        }

        String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", o.label);
            m.put("url", o.url);
            m.put("url_list", o.urlList);
            m.put("mode", o.plain ? "http" : "wmsp");
            m.put("rate", o.rate);
            m.put("ramp_s", rampSeconds);
            m.put("hold_s", holdSeconds);
            m.put("threads", o.threads);
            m.put("first_socket_error", firstSocketError);
            putCounts(m, all);
            m.put("bytes", bytesAtEnd);
            m.put("gbps_hold", holdGbps());
            m.put("server_pid", o.serverPid);
            m.put("server_cpu_s", serverCpu());
            m.put("server_cpu_s_hold", serverCpuHold());
            m.put("server_cpu_s_per_gbit", serverCpu() / wholeGbit());
            m.put("server_cpu_s_per_gbit_hold", serverCpuHold() / ((bytesAtEnd - bytesAtRampEnd) * 8 / 1e9));
            m.put("server_rss_peak_mb", serverRssPeak < 0 ? Double.NaN : serverRssPeak / 1e6);
            m.put("server_rss_held_mb", serverRssHeld < 0 ? Double.NaN : serverRssHeld / 1e6);
            m.put("server_rss_idle_mb", serverRssIdle < 0 ? Double.NaN : serverRssIdle / 1e6);
            m.put("server_rss_anon_held_mb", serverRssAnonHeld < 0 ? Double.NaN : serverRssAnonHeld / 1e6);
            m.put("server_rss_anon_idle_mb", serverRssAnonIdle < 0 ? Double.NaN : serverRssAnonIdle / 1e6);
            m.put("generator_cpu_s", generatorCpu);
            m.put("first_frame_ms_median", median(firstFrameMs));
            m.put("first_frame_ms", firstFrameMs);
            m.put("first_frame_idle_ms_median", median(firstFrameIdleMs));
            m.put("first_frame_idle_ms", firstFrameIdleMs);
            m.put("load_start", loadStart);
            m.put("load_end", loadEnd);
            m.put("parse_errors", all.parseErrors);
            if (o.onDemandClients > 0) {
                m.put("start_spread_s", o.startSpread.seconds());
                m.put("next_file", o.nextFile);
            }
            m.put("broadcast", kind(broadcast, 0));
            m.put("on_demand", kind(onDemand, 1));
            return render(m);
        }

        /** One kind's own figures: its players, stalls, gaps and bytes (the server's CPU is the run's, shared). */
        private Map<String, Object> kind(PlayerTally t, int kind) {
            Map<String, Object> m = new LinkedHashMap<>();
            putCounts(m, t);
            m.put("bytes", kindBytesAtEnd[kind]);
            m.put("bytes_hold", kindBytesAtEnd[kind] - kindBytesAtRampEnd[kind]);
            m.put("gbps_hold", holdGbps(kind));
            return m;
        }

        /** A tally's counts and percentiles, under the keys the scripts read. */
        private static void putCounts(Map<String, Object> m, PlayerTally t) {
            m.put("clients", t.players);
            m.put("connected", t.connected);
            m.put("http_200", t.ok);
            m.put("got_data", t.gotData);
            m.put("stalled", t.stalled);
            m.put("stall_free", t.stallFree());
            m.put("cut_off", t.cutOff);
            m.put("refused", t.refused);
            m.put("socket_errors", t.socketErrors);
            m.put("no_key_frame", t.noKeyFrame);
            m.put("files_finished", t.filesFinished);
            m.put("players_finished", t.playersFinished);
            m.put("reconnections", t.reconnections);
            for (double p : new double[] {50, 90, 99, 100}) {
                String k = p == 100 ? "max" : "p" + (int) p;
                m.put("join_data_ms_" + k, pct(t.joinData, p) / 1e6);
                m.put("join_key_ms_" + k, pct(t.joinKey, p) / 1e6);
            }
            m.put("max_gap_ms_p50", pct(t.maxGap, 50) / 1e6);
            m.put("max_gap_ms_p99", pct(t.maxGap, 99) / 1e6);
            m.put("max_gap_ms_max", pct(t.maxGap, 100) / 1e6);
            m.put("bitrate_kbps_p50", pct(t.bitrate, 50) / 1e3);
            m.put("bitrate_kbps_p1", pct(t.bitrate, 1) / 1e3);
        }

        private static String render(Map<String, Object> m) {
            StringBuilder s = new StringBuilder("{");
            for (Map.Entry<String, Object> e : m.entrySet()) {
                if (s.length() > 1) {
                    s.append(',');
                }
                s.append('"').append(e.getKey()).append("\":").append(value(e.getValue()));
            }
            return s.append('}').toString();
        }

        @SuppressWarnings("unchecked")
        private static String value(Object v) {
            if (v == null) {
                return "null";
            }
            if (v instanceof Map<?, ?> map) {
                return render((Map<String, Object>) map);
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
