package org.asfcast.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and resident memory of a process and all its descendants, from {@code /proc} (Linux).
 * A server started through {@code runuser} or a shell wrapper is a tree: the root's own figures
 * would miss the process doing the work, so every figure here is summed over the tree.
 *
 * <p>CPU per process is {@code utime + stime + cutime + cstime} (fields 14-17 of
 * {@code /proc/PID/stat}): the children's part only counts children that exited and were waited
 * for, which are no longer in the tree, so nothing is counted twice.
 */
final class ProcessTree {

    private static final long CLOCK_TICKS = clockTicks();

    private final long root;

    ProcessTree(long root) {
        this.root = root;
    }

    long root() {
        return root;
    }

    /** Whether the root process still exists. */
    boolean alive() {
        return Files.exists(Path.of("/proc", Long.toString(root), "stat"));
    }

    /** The root and its descendants, as PIDs. */
    List<Long> pids() {
        Map<Long, List<Long>> children = new HashMap<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path p : proc) {
                String name = p.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                String[] f = statFields(p.resolve("stat"));
                if (f == null) {
                    continue;
                }
                long pid = Long.parseLong(name);
                children.computeIfAbsent(Long.parseLong(f[1]), k -> new ArrayList<>()).add(pid);
            }
        } catch (IOException e) {
            return List.of(root);
        }
        List<Long> tree = new ArrayList<>();
        tree.add(root);
        for (int i = 0; i < tree.size(); i++) {
            tree.addAll(children.getOrDefault(tree.get(i), List.of()));
        }
        return tree;
    }

    /** CPU seconds (user + system) used so far by the tree. */
    double cpuSeconds() {
        long ticks = 0;
        for (long pid : pids()) {
            ticks += cpuTicks(pid);
        }
        return ticks / (double) CLOCK_TICKS;
    }

    /** Resident set size of the tree in bytes (the sum of VmRSS). */
    long rssBytes() {
        return statusBytes("VmRSS:");
    }

    /**
     * The anonymous part of the tree's resident set in bytes (the sum of RssAnon): its heap, stacks
     * and direct buffers, not the pages of files it maps, which are the page cache's and shared.
     */
    long anonRssBytes() {
        return statusBytes("RssAnon:");
    }

    private long statusBytes(String field) {
        long kb = 0;
        for (long pid : pids()) {
            kb += statusKb(pid, field);
        }
        return kb * 1024;
    }

    /** CPU seconds used so far by this JVM (all its threads). */
    static double selfCpuSeconds() {
        String[] f = statFields(Path.of("/proc/self/stat"));
        return f == null ? Double.NaN : (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
    }

    /** The 1-minute load average, or NaN. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static long cpuTicks(long pid) {
        String[] f = statFields(Path.of("/proc", Long.toString(pid), "stat"));
        if (f == null) {
            return 0;
        }
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    private static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"),
                    StandardCharsets.ISO_8859_1)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or a kernel thread
        }
        return 0;
    }

    /**
     * The fields of a stat file after the command name (which may hold spaces and parentheses):
     * index 0 is the state (field 3), 1 the parent PID, 11/12 utime/stime, 13/14 cutime/cstime.
     */
    private static String[] statFields(Path stat) {
        try {
            String s = Files.readString(stat, StandardCharsets.ISO_8859_1);
            int close = s.lastIndexOf(')');
            return close < 0 ? null : s.substring(close + 2).trim().split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
