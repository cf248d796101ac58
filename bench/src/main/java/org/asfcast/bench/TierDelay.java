package org.asfcast.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.client.ReceivedPacket;

/**
 * What one tier of relays adds to a live stream's delay: one player of the origin and one of an
 * edge that relays it, side by side in one process, and for every packet both received (the same
 * bytes: an edge stores the origin's packets as they come) the time the edge's player got it less
 * the time the origin's did.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.asfcast.bench.TierDelay NEAR_URL FAR_URL [SECONDS]</pre>
 *
 * Prints the count of packets matched and the added delay's median, p90, p99 and max in ms. The
 * first {@value #JOIN_SECONDS} s are left out: each player's join burst (the ring from a key frame,
 * at socket speed) reaches both at once and says nothing of the delay of the live packets after it.
 */
public final class TierDelay {

    static final int JOIN_SECONDS = 5;

    private TierDelay() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: TierDelay NEAR_URL FAR_URL [SECONDS]   (mmsh:// URLs: the origin's, the edge's)");
            System.exit(2);
        }
        Duration length = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 30);
        Map<String, Long> near = new ConcurrentHashMap<>();
        Map<String, Long> far = new ConcurrentHashMap<>();
        Thread a = player(URI.create(args[0]), near, length);
        Thread b = player(URI.create(args[1]), far, length);
        a.join();
        b.join();
        List<Double> added = new ArrayList<>();
        near.forEach((key, at) -> {
            Long later = far.get(key);
            if (later != null && at >= 0 && later >= 0) {
                added.add((later - at) / 1e6);
            }
        });
        if (added.isEmpty()) {
            System.out.println("no packet reached both players: is the second URL an edge of the first?");
            System.exit(1);
        }
        double[] ms = added.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("packets matched %d (near %d, far %d); added delay ms: median %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                ms.length, near.size(), far.size(), at(ms, 0.5), at(ms, 0.9), at(ms, 0.99), ms[ms.length - 1]);
    }

    private static double at(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    /** Plays {@code url} for {@code length}, noting when each packet (by its bytes) arrived. */
    private static Thread player(URI url, Map<String, Long> arrivals, Duration length) {
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            long counted = start + Duration.ofSeconds(JOIN_SECONDS).toNanos();
            long end = counted + length.toNanos();
            try (PlaySession s = MmshClient.create().play(url)) {
                while (System.nanoTime() < end) {
                    Optional<ReceivedPacket> p = s.nextPacket();
                    if (p.isEmpty()) {
                        return;
                    }
                    long now = System.nanoTime();
                    String key = Arrays.toString(digest(p.get().bytes()));
                    if (now < counted) {
                        arrivals.put(key, -1L); // the join burst's packets: never matched
                    } else {
                        arrivals.putIfAbsent(key, now);
                    }
                }
            } catch (Exception e) {
                System.err.println(url + ": " + e);
            }
        }, "player of " + url);
        t.start();
        return t;
    }

    private static byte[] digest(byte[] packet) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(packet);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
