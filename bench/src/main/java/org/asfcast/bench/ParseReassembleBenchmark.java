package org.asfcast.bench;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataObjectHeader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.MediaObject;
import org.asfcast.asf.MediaObjectAssembler;
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
 * The read half of a remux: ASF data packets in, whole media objects out. One operation is one
 * pass over an in-memory file of 60 s of synthetic media (about 18 MB: far beyond L2 and, with what
 * each pass allocates, beyond a 32 MiB L3), so the score is files/s and the "megabytes" secondary
 * result is MB/s of ASF input.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParseReassembleBenchmark {
    /** 3200 is FFmpeg's packet size; 8000 fits a whole 5-8 KB frame in one packet. */
    @Param({"3200", "8000"})
    public int packetSize;

    private byte[] file;
    private int dataStart;
    private long packetCount;

    @Setup
    public void makeFile() throws IOException, AsfFormatException {
        // Made by asfcast's own packetizer and file writer: no external tool, same input every run.
        List<MediaObject> objects = SyntheticMedia.objects(60);
        MemoryChannel channel = new MemoryChannel(32 << 20);
        SyntheticMedia.writeFile(channel, objects, packetSize);
        file = channel.toByteArray();
        try (AsfReader reader = AsfReader.of(new MemoryChannel(file))) {
            dataStart = reader.headerBytes().length + DataObjectHeader.SIZE;
            packetCount = reader.packetCount().orElseThrow();
        }
        // Check once that the input round-trips, so a broken setup cannot look fast.
        long[] count = new long[1];
        MediaObjectAssembler assembler = new MediaObjectAssembler(o -> count[0]++);
        for (long i = 0; i < packetCount; i++) {
            assembler.accept(DataPacket.parse(file, dataStart + (int) (i * packetSize), packetSize, 0));
        }
        if (count[0] != objects.size() || assembler.droppedObjects() != 0) {
            throw new IllegalStateException(count[0] + " objects reassembled of " + objects.size());
        }
    }

    /** Packets parsed in place from the array, as a network receiver holding packets would. */
    @Benchmark
    public long parsePackets(Megabytes mb, Blackhole hole) throws AsfFormatException {
        long[] bytes = new long[1];
        MediaObjectAssembler assembler = new MediaObjectAssembler(o -> {
            bytes[0] += o.size();
            hole.consume(o);
        });
        for (long i = 0; i < packetCount; i++) {
            int at = dataStart + (int) (i * packetSize);
            assembler.accept(DataPacket.parse(file, at, packetSize, at));
        }
        mb.add(packetCount * packetSize);
        return bytes[0];
    }

    /** The path Remuxer takes: AsfReader (buffering, copy per packet, index) over an in-memory file. */
    @Benchmark
    public long readFile(Megabytes mb, Blackhole hole) throws IOException, AsfFormatException {
        long[] bytes = new long[1];
        MediaObjectAssembler assembler = new MediaObjectAssembler(o -> {
            bytes[0] += o.size();
            hole.consume(o);
        });
        try (AsfReader reader = AsfReader.of(new MemoryChannel(file))) {
            Optional<DataPacket> packet;
            while ((packet = reader.nextPacket()).isPresent()) {
                assembler.accept(packet.get());
            }
        }
        mb.add(file.length);
        return bytes[0];
    }
}
