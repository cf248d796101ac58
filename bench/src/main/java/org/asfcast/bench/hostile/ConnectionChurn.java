package org.asfcast.bench.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Connection churn: connect, send something, close, as fast as a few threads can, up to a number
 * of cycles. Cycle i closes with a FIN when i is even and a RST ({@code SO_LINGER} 0) when odd, and
 * closes at one of three moments: before any byte, in the middle of the request head, or in the
 * middle of the stream (after the 200 and some data). A FIN close first shuts the output and waits
 * for the server to close its side, as a polite client does; closing with unread data would make
 * the kernel send a RST instead.
 */
final class ConnectionChurn implements Attack {

    private static final String[] MOMENTS = {"before the head", "mid-head", "mid-stream"};

    private final InetSocketAddress server;
    private final byte[] play;
    private final long cycles;
    private final int threads;

    ConnectionChurn(InetSocketAddress server, long cycles, int threads) {
        this.server = server;
        this.play = PlayRequest.play(server.getHostString() + ":" + server.getPort());
        this.cycles = cycles;
        this.threads = threads;
    }

    @Override
    public String name() {
        return "churn";
    }

    @Override
    public Map<String, Object> run(long deadlineNanos, Outcomes outcomes) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long t0 = System.nanoTime();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                long i;
                while (System.nanoTime() < deadlineNanos && (i = next.getAndIncrement()) < cycles) {
                    cycle(i, outcomes);
                    done.incrementAndGet();
                }
            }, "churn-" + t);
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cycles_asked", cycles);
        m.put("cycles_done", done.get());
        m.put("cycles_per_s", done.get() / seconds);
        m.put("moments", Arrays.asList(MOMENTS));
        return m;
    }

    private void cycle(long i, Outcomes outcomes) {
        boolean rst = (i & 1) == 1;
        int moment = (int) ((i >> 1) % MOMENTS.length);
        String kind = (rst ? "RST " : "FIN ") + MOMENTS[moment] + ": ";
        try (Socket s = new Socket()) {
            s.setSoTimeout(5000);
            s.setTcpNoDelay(true);
            s.connect(server, 5000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            if (moment == 1) {
                out.write(play, 0, play.length / 2);
            } else if (moment == 2) {
                out.write(play);
                int status = PlayRequest.readStatus(in);
                outcomes.status(kind, status);
                if (status == 200 && in.readNBytes(new byte[4096], 0, 4096) < 4096) {
                    outcomes.add(kind + "stream ended before 4 KB");
                }
            }
            if (rst) {
                s.setSoLinger(true, 0);
            } else {
                s.shutdownOutput();
                drainUntilClosed(in, outcomes, kind);
            }
            outcomes.add(kind + "closed");
        } catch (IOException e) {
            outcomes.add(kind + Outcomes.failure(e));
        }
    }

    /** After our FIN, reads until the server closes too (bounded by the socket's 5 s timeout). */
    private static void drainUntilClosed(InputStream in, Outcomes outcomes, String kind) throws IOException {
        byte[] sink = new byte[16 * 1024];
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (in.read(sink) >= 0) {
            if (System.nanoTime() > deadline) {
                outcomes.add(kind + "server kept the connection 5 s after our FIN");
                return;
            }
        }
    }
}
