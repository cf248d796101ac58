package org.asfcast.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.MediaObject;
import org.asfcast.asf.Packetizer;
import org.asfcast.netsink.FanOutRig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sink's per-packet cost, kernel excluded: {@code onDataUnit} (parse, frame once, append to the
 * ring) plus the event loop's fan-out of that packet to N MS-WMSP clients (each session's cursor,
 * a retained duplicate, write and flush through the real Netty pipeline and outbound buffer into an
 * {@code EmbeddedChannel}), plus releasing what was written, as a socket write's completion does.
 * All N clients sit on one loop, as on a 1-core server; with k loops each does 1/k of the fan-out.
 * See {@link FanOutRig}. Packets: 3200-byte live packets of {@link SyntheticMedia} (about 1.2
 * packets per video frame at 25 fps), fed in order; the ring keeps its usual 5 s window.
 *
 * <p>{@code fanOut} is the whole per-packet cost; {@code onDataUnit} is the writer thread's share
 * alone (no client is pumped), in SampleTime mode to give its latency percentiles.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FanOutBenchmark {

    @Param({"1", "100", "10000"})
    public int clients;

    private List<byte[]> packets;
    private byte[] header;
    private FanOutRig rig;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        header = SyntheticMedia.header(3200).toBytes();
        packets = new ArrayList<>();
        Packetizer packetizer = SyntheticMedia.packetizer(3200, packets::add);
        for (MediaObject o : SyntheticMedia.objects(60)) {
            packetizer.add(o);
        }
        packetizer.flush();
        rig = new FanOutRig(header, clients, false);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        rig.close();
    }

    private ByteBuffer nextPacket() {
        byte[] p = packets.get(next);
        next = next + 1 == packets.size() ? 0 : next + 1;
        return ByteBuffer.wrap(p);
    }

    /** One packet in, fanned out to every client, the written buffers released. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int fanOut() {
        rig.onDataUnit(nextPacket());
        rig.pump();
        return rig.drain();
    }

    /** The writer thread's part alone: parse, frame into a pooled direct buffer, append to the ring. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void onDataUnit() {
        rig.onDataUnit(nextPacket());
    }
}
