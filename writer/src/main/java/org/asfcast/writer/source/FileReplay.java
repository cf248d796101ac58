package org.asfcast.writer.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.LiveProfile;
import org.asfcast.asf.PacketRetimer;
import org.asfcast.asf.Payload;
import org.asfcast.writer.PacketDelivery;
import org.asfcast.writer.Source;
import org.asfcast.writer.WriterSink;

/**
 * Broadcasts an ASF file (WMV, WMA, ASF) as it is: its packets pass through unchanged, in real
 * time by their send times when a sink needs it (the SDK's WMVNetWrite workflow, without
 * re-muxing). With looping, each pass is moved in time (send times, presentation times and media
 * object numbers) so the broadcast's timestamps keep going up.
 */
public final class FileReplay implements Source {

    private final Path file;
    private final boolean loop;
    private final AsfHeader header;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile long packetsSent;
    private volatile int passes;

    /**
     * Checks the file at once, so a missing file or one that is not ASF is reported before any
     * broadcast starts.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws AsfFormatException                 when it is not a valid ASF file (the message names the byte)
     */
    public FileReplay(Path file, boolean loop) throws IOException, AsfFormatException {
        this.file = file;
        this.loop = loop;
        try (AsfReader reader = AsfReader.open(file)) {
            this.header = reader.header();
            if (reader.nextPacketBytes().isEmpty()) {
                throw new AsfFormatException(reader.headerBytes().length, "the file holds no data packets");
            }
        }
    }

    /** The file's header. */
    public AsfHeader header() {
        return header;
    }

    /** Packets delivered so far (all passes). */
    public long packetsSent() {
        return packetsSent;
    }

    /** Passes started so far (1 for the first). */
    public int passes() {
        return passes;
    }

    @Override
    public void run(List<WriterSink> sinks) throws IOException, AsfFormatException, InterruptedException {
        PacketDelivery delivery = new PacketDelivery(sinks, stopped);
        delivery.header(LiveProfile.streamStart(header));
        try {
            long shift = 0;
            Map<Integer, Integer> objectsPerPass = new HashMap<>();
            long lastEnd = 0;
            do {
                passes++;
                boolean firstPass = passes == 1;
                long passShift = shift;
                int pass = passes - 1;
                try (AsfReader reader = AsfReader.open(file)) {
                    for (Optional<byte[]> next; !stopped.get() && (next = reader.nextPacketBytes()).isPresent(); ) {
                        byte[] packet = next.get();
                        DataPacket parsed = DataPacket.parse(packet);
                        if (firstPass) {
                            for (Payload p : parsed.payloads()) {
                                if (p.compressed() || p.offset() == 0) {
                                    objectsPerPass.merge(p.streamNumber(), 1, Integer::sum);
                                }
                                if (p.presentationTime() != Payload.UNKNOWN) {
                                    lastEnd = Math.max(lastEnd, p.presentationTime());
                                }
                            }
                        }
                        if (pass > 0) {
                            PacketRetimer.shift(packet, parsed, passShift,
                                    stream -> pass * objectsPerPass.getOrDefault(stream, 0));
                        }
                        if (!delivery.packet(packet, parsed.sendTime() + passShift)) {
                            break;
                        }
                        packetsSent++;
                    }
                }
                shift += passLength(lastEnd);
            } while (loop && !stopped.get());
        } finally {
            delivery.end();
        }
    }

    /**
     * How far each pass moves the next: the file's play duration (as its File Properties give it,
     * preroll excluded) when known, else just past the last presentation time seen.
     */
    private long passLength(long lastPresentation) {
        long play = header.fileProperties().playDuration() / 10_000 - header.preroll();
        long seen = lastPresentation - header.preroll() + 40;
        return Math.max(Math.max(play, seen), 100);
    }

    @Override
    public void stop() {
        stopped.set(true);
    }

    @Override
    public String describe() {
        return file.getFileName() + (loop ? " (looped)" : "");
    }
}
