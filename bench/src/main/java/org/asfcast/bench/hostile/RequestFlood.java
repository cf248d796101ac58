package org.asfcast.bench.hostile;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request flood: a few threads sending heads from {@link OddHeads} in turn, each on a new
 * connection, reading the status line and closing with a RST, as fast as the server answers (at
 * most {@code ratePerSecond} in all). Counts the statuses per kind of head; a head the server
 * never answers within 5 s is a "timeout".
 */
final class RequestFlood implements Attack {

    private final InetSocketAddress server;
    private final int threads;
    private final double ratePerSecond;

    RequestFlood(InetSocketAddress server, int threads, double ratePerSecond) {
        this.server = server;
        this.threads = threads;
        this.ratePerSecond = ratePerSecond;
    }

    @Override
    public String name() {
        return "flood";
    }

    @Override
    public Map<String, Object> run(long deadlineNanos, Outcomes outcomes) throws InterruptedException {
        Map<String, byte[]> heads = OddHeads.all(server.getHostString() + ":" + server.getPort());
        List<Map.Entry<String, byte[]>> list = new ArrayList<>(heads.entrySet());
        AtomicLong sent = new AtomicLong();
        long t0 = System.nanoTime();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                long i;
                while (System.nanoTime() < deadlineNanos) {
                    i = sent.getAndIncrement();
                    long due = t0 + (long) (i * 1e9 / ratePerSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    Map.Entry<String, byte[]> head = list.get((int) (i % list.size()));
                    outcomes.add(head.getKey() + ": " + send(head.getValue()));
                }
            }, "flood-" + t);
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", sent.get());
        m.put("requests_per_s", sent.get() / seconds);
        m.put("kinds", heads.size());
        return m;
    }

    /** Sends one head on a new connection; returns what came back ("status 400", "timeout", ...). */
    private String send(byte[] head) {
        try (Socket s = new Socket()) {
            s.setSoTimeout(5000);
            s.setTcpNoDelay(true);
            s.connect(server, 5000);
            s.setSoLinger(true, 0);
            IOException writeFailure = null;
            try {
                s.getOutputStream().write(head);
            } catch (IOException e) {
                writeFailure = e; // the server may have answered and closed before the end of a long head
            }
            InputStream in = new BufferedInputStream(s.getInputStream());
            try {
                int status = PlayRequest.readStatus(in);
                return status < 0 ? (writeFailure != null ? "closed while sending" : "closed without a status") : "status " + status;
            } catch (IOException e) {
                return writeFailure != null ? "closed while sending (" + Outcomes.failure(writeFailure) + ")" : Outcomes.failure(e);
            }
        } catch (IOException e) {
            return Outcomes.failure(e);
        }
    }
}
