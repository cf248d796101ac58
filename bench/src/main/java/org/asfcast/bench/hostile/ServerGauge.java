package org.asfcast.bench.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a server process holds, read from outside it: open file descriptors, threads, resident
 * memory ({@code /proc/PID}), the Java heap after a full collection ({@code jcmd PID GC.run}, then
 * {@code GC.heap_info}) and its TCP connections on its port by state. A leak shows as a figure that
 * grows between two idle moments.
 */
final class ServerGauge {

    /** One reading; heap -1 when jcmd could not attach. */
    record Reading(String label, long atMillis, int fds, int threads, long rssKb, long heapAfterGcKb, int established,
                   int closeWait, int otherStates) {
        java.util.Map<String, Object> fields() {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("fds", fds);
            m.put("threads", threads);
            m.put("rss_mb", rssKb / 1024.0);
            m.put("heap_after_gc_mb", heapAfterGcKb < 0 ? Double.NaN : heapAfterGcKb / 1024.0);
            m.put("tcp_established", established);
            m.put("tcp_close_wait", closeWait);
            m.put("tcp_other", otherStates);
            return m;
        }
    }

    // "def new generation   total 3712K, used 1190K", "tenured generation ...", "garbage-first heap   total ..., used ..."
    private static final Pattern USED = Pattern.compile("(?:generation|heap)\\s+total \\d+K, used (\\d+)K");

    private final long pid;
    private final int port;

    ServerGauge(long pid, int port) {
        this.pid = pid;
        this.port = port;
    }

    boolean alive() {
        return Files.exists(Path.of("/proc", Long.toString(pid)));
    }

    /** A reading; with {@code collect}, after a full GC (a second or two of jcmd). */
    Reading read(String label, boolean collect) {
        long heap = -1;
        if (collect) {
            jcmd("GC.run");
            heap = usedKb(jcmd("GC.heap_info"));
        }
        int est = 0;
        int closeWait = 0;
        int other = 0;
        for (TcpTable.Socket s : TcpTable.read()) {
            if (s.localPort() != port || s.state() == 10) { // 10: LISTEN
                continue;
            }
            if (s.state() == TcpTable.ESTABLISHED) {
                est++;
            } else if (s.state() == TcpTable.CLOSE_WAIT) {
                closeWait++;
            } else {
                other++;
            }
        }
        return new Reading(label, System.currentTimeMillis(), fds(), (int) statusValue("Threads:"),
                statusValue("VmRSS:"), heap, est, closeWait, other);
    }

    /** The heap in use, in KiB, summed over the generations that jcmd lists; -1 if none. */
    static long usedKb(String heapInfo) {
        Matcher m = USED.matcher(heapInfo);
        long sum = -1;
        while (m.find()) {
            sum = Math.max(sum, 0) + Long.parseLong(m.group(1));
        }
        return sum;
    }

    private int fds() {
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) s.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private long statusValue(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    private String jcmd(String command) {
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
