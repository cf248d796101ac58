package org.asfcast.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.asfcast.asf.AsfFileWriter;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.FileProperties;
import org.asfcast.asf.Guid;
import org.asfcast.asf.HeaderExtension;
import org.asfcast.asf.MediaObject;
import org.asfcast.asf.Packetizer;
import org.asfcast.asf.StreamProperties;
import org.asfcast.asf.VideoFormat;
import org.asfcast.asf.WaveFormat;

/**
 * Media objects shaped like a broadcast: stream 1 video at 25 fps, 5-15 KB frames with a 15-20 KB
 * key frame every 50; stream 2 audio, a 1-2 KB object every 40 ms. The bytes are random
 * (seeded), so every run gets the same input and nothing compresses or branches on content.
 */
final class SyntheticMedia {
    static final int VIDEO = 1;
    static final int AUDIO = 2;
    static final long PREROLL = 3000;

    private SyntheticMedia() {
    }

    /** {@code seconds} of media, in presentation order (video before audio at equal times). */
    static List<MediaObject> objects(int seconds) {
        SplittableRandom random = new SplittableRandom(42);
        List<MediaObject> objects = new ArrayList<>();
        for (int frame = 0; frame < seconds * 25; frame++) {
            long time = PREROLL + frame * 40L;
            boolean key = frame % 50 == 0;
            int size = key ? random.nextInt(15_000, 20_001) : random.nextInt(5_000, 15_001);
            objects.add(new MediaObject(VIDEO, time, key, bytes(random, size)));
            objects.add(new MediaObject(AUDIO, time, true, bytes(random, random.nextInt(1_000, 2_001))));
        }
        return objects;
    }

    /** The header of a file carrying these streams. */
    static AsfHeader header(int packetSize) {
        FileProperties fp = new FileProperties(Guid.random(), 0, 0, 0, 0, 0, PREROLL, FileProperties.BROADCAST,
                packetSize, packetSize, 4_000_000);
        return AsfHeader.of(List.of(fp, HeaderExtension.empty(),
                StreamProperties.video(VIDEO, VideoFormat.of("WMV2", 1280, 720, 24, new byte[0])),
                StreamProperties.audio(AUDIO, WaveFormat.pcm16(44100, 2))));
    }

    /** A packetizer as the Remuxer builds one: audio objects are not split. */
    static Packetizer packetizer(int packetSize, Consumer<byte[]> sink) {
        return Packetizer.builder().packetSize(packetSize).preroll(PREROLL).wholeObjectStreams(Set.of(AUDIO))
                .build(sink);
    }

    /** Packetizes {@code objects} into a finished ASF file written to {@code channel}. */
    static void writeFile(MemoryChannel channel, List<MediaObject> objects, int packetSize) throws IOException {
        try (AsfFileWriter writer = new AsfFileWriter(channel, header(packetSize))) {
            Packetizer packetizer = packetizer(packetSize, packet -> {
                try {
                    writer.writePacket(packet);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (AsfFormatException e) {
                    throw new IllegalStateException(e);
                }
            });
            objects.forEach(packetizer::add);
            packetizer.flush();
        }
    }

    /** Total media bytes. */
    static long mediaBytes(List<MediaObject> objects) {
        return objects.stream().mapToLong(MediaObject::size).sum();
    }

    private static byte[] bytes(SplittableRandom random, int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i += 8) {
            long v = random.nextLong();
            for (int j = 0; j < 8 && i + j < size; j++) {
                data[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return data;
    }
}
