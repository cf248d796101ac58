package org.asfcast.bench.hostile;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of what an attack's connections met ("status 503", "reset", "timeout"...), safe from many threads. */
final class Outcomes {

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    void add(String outcome) {
        counts.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    /** Counts a response status as "status NNN", or "no status" for -1. */
    void status(String prefix, int status) {
        add(prefix + (status < 0 ? "no status" : "status " + status));
    }

    long count(String outcome) {
        LongAdder a = counts.get(outcome);
        return a == null ? 0 : a.sum();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** A short name for an I/O failure: a reset, a timeout, a refused connect, or its message. */
    static String failure(Exception e) {
        String m = String.valueOf(e.getMessage());
        if (e instanceof java.net.SocketTimeoutException) {
            return "timeout";
        }
        if (m.contains("reset") || m.contains("Broken pipe")) {
            return "reset";
        }
        if (m.contains("Connection refused")) {
            return "connect refused";
        }
        if (m.contains("Cannot assign requested address")) {
            return "out of ephemeral ports";
        }
        if (m.contains("Too many open files")) {
            return "out of file descriptors (client side)";
        }
        return e.getClass().getSimpleName() + ": " + m;
    }
}
