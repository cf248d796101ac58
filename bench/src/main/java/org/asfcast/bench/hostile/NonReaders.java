package org.asfcast.bench.hostile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Non-readers: connections that send a Play and then never read a byte, with the kernel's default
 * buffers, {@code count} of them at once; one the server closes (or refuses) is replaced at once,
 * as a hostile client would, so every free slot stays wanted. Since a client cannot see the server
 * close it (the FIN waits behind unread data), the time a slot is held is read from the server's
 * side of each socket in the kernel's TCP table: held while ESTABLISHED. With those times, a real
 * player's refusal can be judged: it is beyond the bound when, at that moment, some non-reader had
 * held its slot longer than the bound the server states.
 */
final class NonReaders implements Attack {

    /** One non-reader: when it connected and when the server let go of it (-1: still held). */
    private static final class Hold {
        final Socket socket;
        final long opened;
        long released = -1;

        Hold(Socket socket, long opened) {
            this.socket = socket;
            this.opened = opened;
        }
    }

    private final InetSocketAddress server;
    private final int count;
    private final byte[] play;
    private final List<Hold> holds = new ArrayList<>();

    NonReaders(InetSocketAddress server, int count) {
        this.server = server;
        this.count = count;
        this.play = PlayRequest.play(server.getHostString() + ":" + server.getPort());
    }

    @Override
    public String name() {
        return "non-readers";
    }

    @Override
    public Map<String, Object> run(long deadlineNanos, Outcomes outcomes) throws InterruptedException {
        long t0 = System.nanoTime();
        Map<Integer, Hold> live = new HashMap<>(); // our local port -> its hold
        int heldAtOneSecond = -1;
        int heldMost = 0;
        while (System.nanoTime() < deadlineNanos) {
            while (live.size() < count) {
                Hold h = open(outcomes);
                if (h == null) {
                    break;
                }
                live.put(h.socket.getLocalPort(), h);
            }
            Thread.sleep(250);
            Map<Integer, Integer> serverSide = new HashMap<>();
            for (TcpTable.Socket s : TcpTable.read()) {
                if (s.localPort() == server.getPort()) {
                    serverSide.put(s.remotePort(), s.state());
                }
            }
            long now = System.nanoTime();
            // Looked at every 250 ms: a slot counts as held until the first look that finds the server let go.
            live.values().removeIf(h -> {
                if (serverSide.getOrDefault(h.socket.getLocalPort(), -1) == TcpTable.ESTABLISHED) {
                    return false;
                }
                h.released = now;
                closeWithReset(h.socket);
                return true;
            });
            heldMost = Math.max(heldMost, live.size());
            if (heldAtOneSecond < 0 && now - t0 >= 1_000_000_000L) {
                heldAtOneSecond = live.size();
            }
        }
        long end = System.nanoTime();
        for (Hold h : live.values()) {
            closeWithReset(h.socket);
        }
        double[] kept = holds.stream().filter(h -> h.released >= 0).mapToDouble(h -> (h.released - h.opened) / 1e9).sorted()
                .toArray();
        double[] stillHeld = live.values().stream().mapToDouble(h -> (end - h.opened) / 1e9).sorted().toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at_once", count);
        m.put("opened", holds.size());
        m.put("held_at_1s", heldAtOneSecond);
        m.put("held_most", heldMost);
        m.put("released_by_server", kept.length);
        m.put("released_after_s_p50", ProbeLoop.pct(kept, 50));
        m.put("released_after_s_max", ProbeLoop.pct(kept, 100));
        m.put("still_held_at_end", stillHeld.length);
        m.put("still_held_oldest_s", ProbeLoop.pct(stillHeld, 100));
        m.put("attack_s", (end - t0) / 1e9);
        return m;
    }

    /** How many of these refusal times fell while some non-reader had held its slot longer than {@code boundSeconds}. */
    int refusalsBeyond(List<Long> refusalNanos, double boundSeconds) {
        return refusalsBeyond(holds.stream().map(h -> new long[] {h.opened, h.released}).toList(), refusalNanos,
                (long) (boundSeconds * 1e9));
    }

    /**
     * The refusals at which some hold {opened, released or -1 for never} was older than {@code boundNanos}:
     * a server that keeps its stated bound has let go of every such hold by then.
     */
    static int refusalsBeyond(List<long[]> holds, List<Long> refusalNanos, long boundNanos) {
        int n = 0;
        for (long t : refusalNanos) {
            for (long[] h : holds) {
                if (t - h[0] > boundNanos && (h[1] < 0 || h[1] > t)) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private Hold open(Outcomes outcomes) {
        Socket s = new Socket();
        try {
            s.connect(server, 5000);
            s.getOutputStream().write(play);
            Hold h = new Hold(s, System.nanoTime());
            holds.add(h);
            return h;
        } catch (IOException e) {
            outcomes.add("cannot open (" + Outcomes.failure(e) + ")");
            closeWithReset(s);
            return null;
        }
    }

    private static void closeWithReset(Socket s) {
        try {
            s.setSoLinger(true, 0); // a RST: nothing for the server to push into a socket nobody reads
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
