package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.Payload;

/**
 * What {@code onDataUnit} costs as a live writer calls it: once every packet interval, the thread
 * asleep in between, so caches and branch predictors are cold each time (JMH's back-to-back calls
 * hide this: 1 us there, 10-50 us here). Times the steps of the call one by one (parse, allocate
 * the framed buffer from the pool or from a {@link FrameSlab}, copy, append to a ring), then the
 * real call on a never-opened sink, after warming the JIT with back-to-back calls.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.asfcast.netsink.ColdCallProbe FILE [SLEEP_MS] [CALLS]</pre>
 */
public final class ColdCallProbe {

    private static final String[] STEPS = {"parse", "allocate (pool)", "allocate (slab)", "copy", "append"};

    private ColdCallProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ColdCallProbe FILE [SLEEP_MS (25)] [CALLS (400)]");
            System.exit(2);
        }
        long sleepMillis = args.length > 1 ? Long.parseLong(args[1]) : 25;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        List<byte[]> packets = new ArrayList<>();
        byte[] header;
        try (AsfReader reader = AsfReader.open(Path.of(args[0]))) {
            header = reader.headerBytes();
            for (Optional<byte[]> p; (p = reader.nextPacketBytes()).isPresent(); ) {
                packets.add(p.get());
            }
        }
        NetworkSink sink = new NetworkSink(NetworkSinkConfig.builder().ringMaxBytes(1 << 20).resolveNames(false).build());
        sink.onHeader(ByteBuffer.wrap(header));
        BroadcastRing ring = new BroadcastRing(5000, 1 << 20);
        FrameSlab slab = new FrameSlab(PooledByteBufAllocator.DEFAULT);
        long[] scratch = new long[STEPS.length];
        for (int i = 0; i < 50_000; i++) { // JIT warm-up, back to back
            byte[] p = packets.get(i % packets.size());
            steps(p, ring, slab, scratch);
            sink.onDataUnit(ByteBuffer.wrap(p));
        }
        long[][] stepNanos = new long[STEPS.length][calls];
        long[] whole = new long[calls];
        for (int i = 0; i < calls; i++) {
            Thread.sleep(sleepMillis);
            steps(packets.get(i % packets.size()), ring, slab, scratch);
            for (int k = 0; k < STEPS.length; k++) {
                stepNanos[k][i] = scratch[k];
            }
            Thread.sleep(sleepMillis);
            ByteBuffer p = ByteBuffer.wrap(packets.get((i + 7) % packets.size()));
            long t0 = System.nanoTime();
            sink.onDataUnit(p);
            whole[i] = System.nanoTime() - t0;
        }
        System.out.printf("one call every %d ms, %d calls, after 50,000 back to back (us):%n", sleepMillis, calls);
        for (int k = 0; k < STEPS.length; k++) {
            print(STEPS[k], stepNanos[k]);
        }
        print("onDataUnit", whole);
        sink.onEndWriting();
        ring.clear();
        slab.release();
    }

    /** The call's steps, each timed; both allocations are made and one is kept, so each is timed cold. */
    private static void steps(byte[] bytes, BroadcastRing ring, FrameSlab slab, long[] nanos) throws Exception {
        long t0 = System.nanoTime();
        DataPacket packet = DataPacket.parse(bytes, 0, bytes.length, 0);
        boolean key = false;
        for (Payload p : packet.payloads()) {
            key |= p.keyFrame() && p.offset() == 0;
        }
        long t1 = System.nanoTime();
        ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(12 + bytes.length);
        long t2 = System.nanoTime();
        ByteBuf framed = slab.allocate(12 + bytes.length);
        long t3 = System.nanoTime();
        framed.writerIndex(12);
        framed.writeBytes(bytes);
        long t4 = System.nanoTime();
        ring.append(framed, packet.sendTime(), key);
        long t5 = System.nanoTime();
        pooled.release();
        nanos[0] = t1 - t0;
        nanos[1] = t2 - t1;
        nanos[2] = t3 - t2;
        nanos[3] = t4 - t3;
        nanos[4] = t5 - t4;
    }

    private static void print(String name, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int n = s.length;
        System.out.printf("  %-16s p50 %6.1f  p90 %6.1f  p99 %6.1f%n", name, s[n / 2] / 1e3, s[n * 9 / 10] / 1e3,
                s[Math.min(n - 1, n * 99 / 100)] / 1e3);
    }
}
