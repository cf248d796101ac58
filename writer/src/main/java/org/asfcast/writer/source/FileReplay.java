package org.asfcast.writer.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.FileProperties;
import org.asfcast.asf.LiveProfile;
import org.asfcast.asf.PacketRetimer;
import org.asfcast.asf.PartialPacket;
import org.asfcast.asf.Payload;
import org.asfcast.writer.PacketDelivery;
import org.asfcast.writer.Source;
import org.asfcast.writer.WriterSink;

/**
 * Broadcasts an ASF file (WMV, WMA, ASF) as it is: its packets pass through unchanged, in real
 * time by their send times when a sink needs it (the SDK's WMVNetWrite workflow, without
 * re-muxing). With looping, each pass is moved in time (send times, presentation times and media
 * object numbers) by what the packets of the pass before covered, so the broadcast's timestamps
 * keep going up whatever the header says about durations.
 *
 * <p>Each pass opens the file again and checks it against the broadcast: a file replaced by one
 * with another header (by rename or in place) goes on with the new header, which the sinks get
 * as a new {@code onHeader}; bytes that change while a pass reads them end that pass, and the next
 * one opens the file again. A file cut short (an unfinished recording) plays up to its last whole
 * packet. Each of these is told in one line to the notice listener.
 */
public final class FileReplay implements Source {

    /** The most preroll players are told (Windows Media Encoder's largest buffer is 60 s). */
    public static final long MAX_PREROLL_MILLIS = 60_000;

    /** How long a changed file must stay unchanged before a pass reads it (a copy in progress). */
    private static final long SETTLE_MILLIS = 300;
    private static final long SETTLE_LIMIT_MILLIS = 10_000;
    private static final int PREROLL_SCAN_PACKETS = 64;

    private final Path file;
    private final boolean loop;
    private final Consumer<String> notices;
    private final AsfHeader header;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile long packetsSent;
    private volatile int passes;

    /** A replay that keeps its notices to itself; see {@link #FileReplay(Path, boolean, Consumer)}. */
    public FileReplay(Path file, boolean loop) throws IOException, AsfFormatException {
        this(file, loop, notice -> { });
    }

    /**
     * Checks the file at once, so a missing file or one that is not ASF is reported before any
     * broadcast starts.
     *
     * @param notices gets one line (no newline) for each thing the user should know that does not
     *                end the broadcast: what was cut from a partial file, a changed file, a clamped preroll
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws AsfFormatException                 when it is not a valid ASF file (the message names the byte)
     */
    public FileReplay(Path file, boolean loop, Consumer<String> notices) throws IOException, AsfFormatException {
        this.file = file;
        this.loop = loop;
        this.notices = Objects.requireNonNull(notices);
        try (AsfReader reader = open()) {
            this.header = reader.header();
            if (reader.nextPacketBytes().isEmpty()) {
                throw new AsfFormatException(reader.headerBytes().length, "the file holds no data packets"
                        + reader.partialPacket().map(p -> " (only " + p.partialBytes() + " bytes of one)").orElse(""));
            }
        }
    }

    /** The file's header (as it was when the replay was made). */
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
        try {
            byte[] broadcastHeader = null;
            FileStamp lastOpened = null;
            String lastCut = null;
            Map<Integer, Integer> objectBase = new HashMap<>();
            long nextStart = -1; // send time (as broadcast) where the next pass begins
            do {
                passes++;
                FileStamp stamp = lastOpened == null ? FileStamp.of(file) : settled(lastOpened);
                lastOpened = stamp;
                PassSpan span = new PassSpan();
                try (AsfReader reader = open()) {
                    if (!Arrays.equals(reader.headerBytes(), broadcastHeader)) {
                        if (broadcastHeader != null) {
                            notices.accept(file + " changed: broadcasting it anew with its new header"
                                    + " (players connected now get the end of the stream)");
                        }
                        broadcastHeader = reader.headerBytes();
                        delivery.header(streamStart(reader.header()));
                        objectBase.clear();
                    }
                    long shift = 0;
                    for (long number = 0; !stopped.get(); number++) {
                        byte[] packet;
                        long sendTime;
                        try {
                            Optional<byte[]> next = reader.nextPacketBytes();
                            if (next.isEmpty()) {
                                break;
                            }
                            packet = next.get();
                            DataPacket parsed = DataPacket.parse(packet);
                            if (span.isEmpty() && nextStart >= 0) {
                                shift = nextStart - parsed.sendTime();
                            }
                            span.add(parsed);
                            if (shift != 0 || !objectBase.isEmpty()) {
                                PacketRetimer.shift(packet, parsed, shift, stream -> objectBase.getOrDefault(stream, 0));
                            }
                            sendTime = parsed.sendTime() + shift;
                        } catch (AsfFormatException e) {
                            if (!stamp.equals(FileStamp.of(file))) {
                                notices.accept(file + " changed while it was read (packet " + number + ": "
                                        + e.problem() + "); " + (loop ? "opening it again" : "the broadcast ends"));
                                break;
                            }
                            throw named(e);
                        }
                        if (!delivery.packet(packet, sendTime)) {
                            break;
                        }
                        packetsSent++;
                    }
                    Optional<PartialPacket> cut = reader.partialPacket();
                    String said = cut.isPresent() && stamp.equals(FileStamp.of(file)) ? cutSentence(cut.get()) : null;
                    if (said != null && !said.equals(lastCut)) {
                        notices.accept(said);
                    }
                    lastCut = said;
                    if (!span.isEmpty()) {
                        nextStart = span.firstSendTime() + shift + span.length();
                        span.objectsPerStream().forEach((stream, count) -> objectBase.merge(stream, count, Integer::sum));
                    }
                }
            } while (loop && !stopped.get());
        } finally {
            delivery.end();
        }
    }

    /** The live header for {@code fileHeader}, its preroll clamped when it is absurd. */
    private byte[] streamStart(AsfHeader fileHeader) throws IOException {
        long preroll = fileHeader.preroll();
        if (preroll <= MAX_PREROLL_MILLIS) {
            return LiveProfile.streamStart(fileHeader);
        }
        // Presentation times include the preroll: one larger than the first of them contradicts the packets.
        long told = Math.max(0, Math.min(MAX_PREROLL_MILLIS, firstPresentationTime().orElse(MAX_PREROLL_MILLIS)));
        notices.accept("the header of " + file + " gives a preroll of " + preroll + " ms; players are told " + told
                + " ms (at most " + MAX_PREROLL_MILLIS + ", and not past the first presentation time)");
        FileProperties fp = fileHeader.fileProperties();
        FileProperties clamped = new FileProperties(fp.fileId(), fp.fileSize(), fp.creationDate(), fp.dataPacketsCount(),
                fp.playDuration(), fp.sendDuration(), told, fp.flags(), fp.minPacketSize(), fp.maxPacketSize(),
                fp.maxBitrate());
        return LiveProfile.streamStart(fileHeader.withFileProperties(clamped));
    }

    private Optional<Long> firstPresentationTime() throws IOException {
        long first = Long.MAX_VALUE;
        try (AsfReader reader = AsfReader.open(file)) {
            for (int i = 0; i < PREROLL_SCAN_PACKETS; i++) {
                Optional<DataPacket> next = reader.nextPacket();
                if (next.isEmpty()) {
                    break;
                }
                for (Payload p : next.get().payloads()) {
                    if (p.presentationTime() != Payload.UNKNOWN) {
                        first = Math.min(first, p.presentationTime());
                    }
                }
            }
        } catch (AsfFormatException e) {
            // the pass itself reports a damaged file; the clamp only needs what is readable
        }
        return first == Long.MAX_VALUE ? Optional.empty() : Optional.of(first);
    }

    private String cutSentence(PartialPacket cut) {
        String kept = "playing its first " + cut.wholePackets() + " packet" + (cut.wholePackets() == 1 ? "" : "s");
        if (cut.partialBytes() > 0) {
            return "the last " + cut.partialBytes() + " bytes of " + file + " are a partial packet; " + kept;
        }
        return file + " ends " + cut.missingBytes() + " bytes before its Data Object does; " + kept;
    }

    private AsfReader open() throws IOException, AsfFormatException {
        try {
            return AsfReader.open(file);
        } catch (AsfFormatException e) {
            throw named(e);
        }
    }

    /** The same error, naming the file: a looping broadcast may have opened it many times. */
    private AsfFormatException named(AsfFormatException e) {
        AsfFormatException named = new AsfFormatException(e.offset(), e.problem() + " (in " + file + ")");
        named.initCause(e);
        return named;
    }

    /**
     * The file's stamp once it has stopped changing: at once when it is as it was at the last
     * open, else when it has stayed the same for a moment (a copy may still be writing it).
     */
    private FileStamp settled(FileStamp previous) throws IOException, InterruptedException {
        FileStamp now = FileStamp.of(file);
        if (now.equals(previous)) {
            return now;
        }
        long deadline = System.nanoTime() + SETTLE_LIMIT_MILLIS * 1_000_000L;
        while (!stopped.get() && System.nanoTime() < deadline) {
            Thread.sleep(SETTLE_MILLIS);
            FileStamp later = FileStamp.of(file);
            if (later.equals(now)) {
                return later;
            }
            now = later;
        }
        return now;
    }

    @Override
    public void stop() {
        stopped.set(true);
    }

    @Override
    public String describe() {
        return file.getFileName() + (loop ? " (looped)" : "");
    }

    /** What tells one version of the file from another: which file, how long, when last written. */
    private record FileStamp(Object key, long size, FileTime modified) {
        static FileStamp of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(a.fileKey(), a.size(), a.lastModifiedTime());
        }
    }
}
