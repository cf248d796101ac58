package org.asfcast.asf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rewrites an ASF file through asfcast's own pipeline: read, reassemble media objects, interleave,
 * packetize in the live profile, write a finished seekable file. The header (streams, metadata,
 * packet size, preroll) is kept; the packets are all new.
 */
public final class Remuxer {
    /** Objects may complete up to this much out of presentation order in the input. */
    static final long REORDER_WINDOW_MILLIS = 5000;

    private Remuxer() {
    }

    /** What a remux did. */
    public record Result(long packetsRead, long objects, long packetsWritten, long droppedObjects) {
    }

    /**
     * Remuxes {@code input} into {@code output}.
     *
     * @throws AsfFormatException if the input is not valid ASF
     */
    public static Result remux(Path input, Path output) throws IOException, AsfFormatException {
        try (AsfReader reader = AsfReader.open(input)) {
            AsfHeader header = reader.header();
            Set<Integer> audio = header.streams().stream().filter(StreamProperties::isAudio)
                    .map(StreamProperties::streamNumber).collect(Collectors.toSet());
            long[] objects = new long[1];
            try (AsfFileWriter writer = AsfFileWriter.create(output, header)) {
                Packetizer packetizer = Packetizer.builder().packetSize(header.packetSize())
                        .preroll(header.preroll()).wholeObjectStreams(audio).reusePacketArray(true).build(packet -> {
                            try {
                                writer.writePacket(packet);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            } catch (AsfFormatException e) {
                                throw new IllegalStateException("the packetizer wrote an invalid packet", e);
                            }
                        });
                Interleaver interleaver = new Interleaver(REORDER_WINDOW_MILLIS, object -> {
                    objects[0]++;
                    packetizer.add(object);
                });
                MediaObjectAssembler assembler = new MediaObjectAssembler(interleaver::add);
                DataPacket packet; // parsed in the reader's buffer: the assembler copies what it keeps
                while ((packet = reader.nextPacketInPlace()) != null) {
                    assembler.accept(packet);
                }
                interleaver.drain();
                packetizer.flush();
                return new Result(reader.nextPacketNumber(), objects[0], writer.packets(),
                        assembler.droppedObjects());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
