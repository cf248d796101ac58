package org.asfcast.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.MediaObject;
import org.asfcast.asf.Packetizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The write half of a remux: media objects in, live-profile packets out. One operation packetizes
 * 60 s of synthetic media (about 17.5 MB of media bytes); the "megabytes" secondary result is MB/s
 * of media bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PacketizeBenchmark {
    @Param({"3200", "8000"})
    public int packetSize;

    private List<MediaObject> objects;
    private long mediaBytes;
    private MemoryChannel file;

    @Setup
    public void makeObjects() {
        objects = SyntheticMedia.objects(60);
        mediaBytes = SyntheticMedia.mediaBytes(objects);
        file = new MemoryChannel(32 << 20);
    }

    /** Packetizer and DataPacketWriter alone; the packets go to a Blackhole. */
    @Benchmark
    public long packetize(Megabytes mb, Blackhole hole) {
        Packetizer packetizer = SyntheticMedia.packetizer(packetSize, hole::consume);
        for (MediaObject object : objects) {
            packetizer.add(object);
        }
        packetizer.flush();
        mb.add(mediaBytes);
        return packetizer.packets();
    }

    /** The same plus AsfFileWriter (it re-parses each packet for the index) into an in-memory file. */
    @Benchmark
    public long packetizeToFile(Megabytes mb) throws IOException {
        SyntheticMedia.writeFile(file.reset(), objects, packetSize);
        mb.add(mediaBytes);
        return file.size();
    }
}
