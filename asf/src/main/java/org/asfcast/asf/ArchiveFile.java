package org.asfcast.asf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An ASF file as an on-demand point serves it: parsed and indexed once, immutable, thread-safe.
 *
 * <p>The index comes from one streaming scan of the packets (never the Simple Index, whose times
 * include the preroll and which audio files often lack). It holds, per packet, the send time (4
 * bytes), and per stream, for each packet where an object of interest starts, that packet and
 * the object's presentation time (8 bytes): for a video stream a key-frame object (key bit,
 * offset 0), for any other stream the first object starting in that packet. So memory is at most
 * {@code 4 + 8 × streams} bytes per packet, and no payload is kept.
 *
 * <p><b>Served header.</b> {@link #servedHeader()} is the file's Header Object and Data Object
 * header with exactly these fields rewritten, every other byte and object kept: File Properties
 * Flags gets Seekable set and Broadcast cleared; Data Packets Count becomes the scanned count;
 * File Size is kept when it lies between the end of the served packets and the real file size,
 * else it becomes the end of the served packets; Play and Send Duration are kept when non-zero
 * and the Broadcast flag was clear, else they come from the scan (Play = last presentation time +
 * last packet duration, Send = last send time + last packet duration). The Data Object header's
 * size becomes {@code 50 + packets × packet size} and its Total Data Packets the scanned count.
 * A finished file as FFmpeg writes it comes out byte for byte unchanged.
 *
 * <p><b>Bit rates.</b> The scan also counts each stream's payload bytes, so
 * {@link #withBitrateObjects()} can describe a file that lacks Stream Bitrate Properties or Bitrate
 * Mutual Exclusion (FFmpeg writes neither) without reading it again.
 */
public final class ArchiveFile {
    /** The largest packet a {@code $D} chunk can carry, and the largest {@code $H} body: 16-bit lengths less 8. */
    public static final int MAX_CHUNK_BODY = 65_527;

    private final Path path;
    private final long fileSize;
    private final FileTime lastModified;
    private final AsfHeader header;
    private final byte[] servedHeader;
    private final long dataOffset;
    private final int packetSize;
    private final int[] sendTimes;
    private final long preroll;
    private final long durationMillis;
    private final Optional<String> title;
    private final Set<Integer> videoStreams;
    private final Map<Integer, StartIndex> starts;
    private final Map<Integer, Long> measuredBitrates;
    private volatile ArchiveFile described; // withBitrateObjects(), made once when first asked for

    private ArchiveFile(Path path, long fileSize, FileTime lastModified, AsfHeader header, byte[] servedHeader,
                        long dataOffset, int packetSize, int[] sendTimes, long preroll, long durationMillis,
                        Optional<String> title, Set<Integer> videoStreams, Map<Integer, StartIndex> starts,
                        Map<Integer, Long> measuredBitrates) {
        this.path = path;
        this.fileSize = fileSize;
        this.lastModified = lastModified;
        this.header = header;
        this.servedHeader = servedHeader;
        this.dataOffset = dataOffset;
        this.packetSize = packetSize;
        this.sendTimes = sendTimes;
        this.preroll = preroll;
        this.durationMillis = durationMillis;
        this.title = title;
        this.videoStreams = videoStreams;
        this.starts = starts;
        this.measuredBitrates = measuredBitrates;
    }

    /**
     * Opens, validates and scans the whole file once (blocking; callers run it off event loops).
     *
     * @throws AsfFormatException with a sentence naming the problem: not ASF; packets of more than
     *                            one size; packet size 0 or above 65,527; header object + Data Object
     *                            header above 65,527 bytes; no whole packet; a packet that does not
     *                            parse (its number and file offset are named)
     */
    public static ArchiveFile open(Path file) throws IOException, AsfFormatException {
        long size = Files.size(file);
        FileTime modified = Files.getLastModifiedTime(file);
        if (size == 0) {
            throw new AsfFormatException(0, "the file " + file.getFileName() + " is empty");
        }
        try (AsfReader reader = AsfReader.open(file)) {
            AsfHeader original = reader.header();
            FileProperties fp = original.fileProperties();
            if (fp.minPacketSize() != fp.maxPacketSize()) {
                throw new AsfFormatException(30, "the packets have more than one size (min " + fp.minPacketSize()
                        + ", max " + fp.maxPacketSize() + "); only files of one packet size can be served");
            }
            int packetSize = fp.packetSize();
            if (packetSize <= 0 || packetSize > MAX_CHUNK_BODY) {
                throw new AsfFormatException(30, "packet size " + packetSize + " is outside 1.." + MAX_CHUNK_BODY
                        + " (a $D chunk carries 16-bit lengths)");
            }
            byte[] headerBytes = reader.headerBytes();
            if (headerBytes.length + DataObjectHeader.SIZE > MAX_CHUNK_BODY) {
                throw new AsfFormatException(16, "the header is " + headerBytes.length + " bytes; with the Data"
                        + " Object header it exceeds the " + MAX_CHUNK_BODY + " bytes a $H chunk can carry");
            }
            Scan scan = new Scan(original);
            for (DataPacket packet; ; ) {
                long number = reader.nextPacketNumber();
                long at = reader.position();
                try {
                    packet = reader.nextPacketInPlace();
                } catch (AsfFormatException e) {
                    throw new AsfFormatException(e.offset(), "packet " + number + " at file offset " + at
                            + " does not parse: " + e.problem());
                }
                if (packet == null) {
                    break;
                }
                scan.add(number, packet);
            }
            if (scan.count == 0) {
                throw new AsfFormatException(reader.position(), "the file holds no whole data packet");
            }
            long dataOffset = headerBytes.length + DataObjectHeader.SIZE;
            return scan.finish(file, size, modified, original, headerBytes, reader.dataObject(), dataOffset,
                    packetSize);
        }
    }

    /** The file as opened. */
    public Path path() {
        return path;
    }

    /** The file's size when it was opened. */
    public long fileSize() {
        return fileSize;
    }

    /** The file's modification time when it was opened (callers re-open when size or time changes). */
    public FileTime lastModified() {
        return lastModified;
    }

    /** The header as served (see the class comment for what is rewritten). */
    public AsfHeader header() {
        return header;
    }

    /** Header object + 50-byte Data Object header, the {@code $H} body, identical in Describe and Play. */
    public byte[] servedHeader() {
        return servedHeader.clone();
    }

    /**
     * Bits per second of each stream, from its payload bytes over the packets' send-time span (as
     * {@link BitrateObjects#measure} finds them), by stream number; streams without payloads are absent.
     */
    public Map<Integer, Long> measuredBitrates() {
        return measuredBitrates;
    }

    /**
     * This file as served with a Stream Bitrate Properties Object and, with two or more video
     * streams, a Bitrate Mutual Exclusion Object added where the header lacks them
     * ({@link BitrateObjects#added}, streams the header gives no bit rate for at their measured
     * rates), so players choose among its streams by bit rate. Only {@link #header()} and
     * {@link #servedHeader()} differ; packets, offsets and the index are shared. This same file when
     * nothing is missing, or when the added objects would not fit one {@code $H} chunk. Made once.
     */
    public ArchiveFile withBitrateObjects() {
        ArchiveFile d = described;
        if (d == null) {
            d = describe();
            described = d;
        }
        return d;
    }

    private ArchiveFile describe() {
        AsfHeader added;
        try {
            added = BitrateObjects.added(header, measuredBitrates);
        } catch (IllegalArgumentException e) {
            return this; // a stream with no payload and no declared rate: nothing honest to say about it
        }
        if (added == header) {
            return this;
        }
        byte[] headerOut = added.toBytes();
        if (headerOut.length + DataObjectHeader.SIZE > MAX_CHUNK_BODY) {
            return this;
        }
        byte[] served = Arrays.copyOf(headerOut, headerOut.length + DataObjectHeader.SIZE);
        System.arraycopy(servedHeader, servedHeader.length - DataObjectHeader.SIZE, served, headerOut.length,
                DataObjectHeader.SIZE);
        return new ArchiveFile(path, fileSize, lastModified, added, served, dataOffset, packetSize, sendTimes, preroll,
                durationMillis, title, videoStreams, starts, measuredBitrates);
    }

    /** The file offset of packet 0. */
    public long dataOffset() {
        return dataOffset;
    }

    /** The data packet size. */
    public int packetSize() {
        return packetSize;
    }

    /** Whole packets found by the scan (a partial last packet is cut). */
    public long packetCount() {
        return sendTimes.length;
    }

    /** The file offset of {@code packet}: {@code dataOffset + packet × packetSize}. */
    public long filePosition(long packet) {
        return dataOffset + packet * packetSize;
    }

    /** The preroll in ms. */
    public long preroll() {
        return preroll;
    }

    /** What a player shows: Play Duration − preroll, or from the packets when the header cannot say. */
    public long durationMillis() {
        return durationMillis;
    }

    /** Content Description title, else WM/Title, trimmed; empty if blank. */
    public Optional<String> title() {
        return title;
    }

    /** The send time of {@code packet} in ms, from the scan. */
    public long sendTime(long packet) {
        return Integer.toUnsignedLong(sendTimes[(int) packet]);
    }

    /** Average bits per second over the data: packets × size × 8 / duration (duration of at least 1 ms). */
    public long bitsPerSecond() {
        return packetCount() * packetSize * 8 * 1000 / Math.max(1, durationMillis);
    }

    /**
     * The packet to start at for stream-time {@code millis} (media ms, preroll excluded, as FFmpeg
     * sends it) so that the first picture is whole: the last packet at or before that time holding
     * the start of a key-frame object of a video stream in {@code streams} (of every selected video
     * stream: the earliest such packet); audio-only: the packet holding the start of the last object
     * at or before that time. An empty set, or one naming no stream of the file, means every
     * stream. Clamped to [0, packetCount-1].
     */
    public long packetForTime(long millis, Set<Integer> streams) {
        long target = Math.max(0, millis) >= Long.MAX_VALUE - preroll ? Long.MAX_VALUE : Math.max(0, millis) + preroll;
        long best = Long.MAX_VALUE;
        for (StartIndex index : chosen(streams)) {
            best = Math.min(best, index.packetAtOrBeforeTime(target));
        }
        return clamp(best == Long.MAX_VALUE ? 0 : best);
    }

    /** Packet-num: that packet, backed up to a key-frame start as {@link #packetForTime} does. Clamped. */
    public long packetForNumber(long packet, Set<Integer> streams) {
        long wanted = clamp(packet);
        long best = Long.MAX_VALUE;
        for (StartIndex index : chosen(streams)) {
            best = Math.min(best, index.packetAtOrBefore(wanted));
        }
        return clamp(best == Long.MAX_VALUE ? wanted : best);
    }

    /**
     * Stream-offset (bytes from the first data packet, as VLC sends it): offset / packetSize,
     * clamped; not backed up (VLC skips to the next key frame itself).
     */
    public long packetForOffset(long offset) {
        return clamp(Math.max(0, offset) / packetSize);
    }

    private long clamp(long packet) {
        return Math.max(0, Math.min(packet, sendTimes.length - 1L));
    }

    /** The indexes to consult: the selected video streams, or without one the selected others. */
    private Iterable<StartIndex> chosen(Set<Integer> streams) {
        Map<Integer, StartIndex> video = new LinkedHashMap<>();
        Map<Integer, StartIndex> other = new LinkedHashMap<>();
        starts.forEach((stream, index) -> {
            if ((streams.isEmpty() || streams.contains(stream)) && index.size > 0) {
                (videoStreams.contains(stream) ? video : other).put(stream, index);
            }
        });
        if (video.isEmpty() && other.isEmpty() && !streams.isEmpty()) {
            return chosen(Set.of()); // a selection of streams the file lacks: start as for every stream
        }
        return (video.isEmpty() ? other : video).values();
    }

    /** Packets where an object of interest starts in one stream, with its presentation time (ms, preroll included). */
    private static final class StartIndex {
        private int[] packets = new int[64];
        private int[] times = new int[64];
        private int size;

        void add(long packet, long time) {
            if (size > 0 && packets[size - 1] == (int) packet) {
                return; // one entry per packet is enough to find it
            }
            if (size == packets.length) {
                packets = Arrays.copyOf(packets, size * 2);
                times = Arrays.copyOf(times, size * 2);
            }
            packets[size] = (int) packet;
            times[size] = (int) time;
            size++;
        }

        void trim() {
            packets = Arrays.copyOf(packets, size);
            times = Arrays.copyOf(times, size);
        }

        /** The packet of the last entry whose time is at most {@code time}, or the first entry's. */
        long packetAtOrBeforeTime(long time) {
            // Entries follow packet order; times of key frames rise with it, so search by time.
            int low = 0;
            int high = size - 1;
            int found = -1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (Integer.toUnsignedLong(times[mid]) <= time) {
                    found = mid;
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return found < 0 ? 0 : packets[found];
        }

        /** The last entry's packet at or before {@code packet}, or 0 when none is. */
        long packetAtOrBefore(long packet) {
            int i = Arrays.binarySearch(packets, 0, size, (int) packet);
            if (i >= 0) {
                return packets[i];
            }
            int insertion = -i - 1;
            return insertion == 0 ? 0 : packets[insertion - 1];
        }
    }

    /** The state of the one scan over the packets. */
    private static final class Scan {
        private final Set<Integer> video;
        private final Map<Integer, StartIndex> starts = new LinkedHashMap<>();
        private int[] sendTimes = new int[1024];
        private int count;
        private long lastPresentation = -1;
        private int lastDuration;
        private long firstSend = -1;
        private long lastSendEnd;
        private final long[] streamBytes = new long[128]; // by stream number, which has 7 bits

        Scan(AsfHeader header) {
            video = new java.util.HashSet<>();
            for (StreamProperties stream : header.streams()) {
                if (stream.isVideo()) {
                    video.add(stream.streamNumber());
                }
                starts.put(stream.streamNumber(), new StartIndex());
            }
        }

        void add(long number, DataPacket packet) throws AsfFormatException {
            if (number >= Integer.MAX_VALUE - 8) {
                throw new AsfFormatException(0, "the file has more than " + (Integer.MAX_VALUE - 8) + " packets");
            }
            if (count == sendTimes.length) {
                sendTimes = Arrays.copyOf(sendTimes, count * 2);
            }
            sendTimes[count++] = (int) packet.sendTime();
            lastDuration = packet.duration();
            if (firstSend < 0) {
                firstSend = packet.sendTime();
            }
            lastSendEnd = Math.max(lastSendEnd, packet.sendTime() + packet.duration());
            for (Payload payload : packet.payloads()) {
                streamBytes[payload.streamNumber() & 0x7F] += payload.dataLength();
                long time = payload.presentationTime();
                if (time == Payload.UNKNOWN || payload.offset() != 0) {
                    continue;
                }
                lastPresentation = Math.max(lastPresentation, time);
                StartIndex index = starts.get(payload.streamNumber());
                if (index == null) {
                    continue; // a payload of a stream the header does not describe: nothing to seek by
                }
                if (!video.contains(payload.streamNumber()) || payload.keyFrame()) {
                    index.add(number, time);
                }
            }
        }

        ArchiveFile finish(Path file, long size, FileTime modified, AsfHeader original, byte[] headerBytes,
                           DataObjectHeader dataObject, long dataOffset, int packetSize) {
            int[] times = Arrays.copyOf(sendTimes, count);
            starts.values().forEach(StartIndex::trim);
            FileProperties fp = original.fileProperties();
            long dataEnd = dataOffset + (long) count * packetSize;
            boolean durationsValid = !fp.isBroadcast() && fp.playDuration() > 0;
            long scannedPlay = Math.max(0, lastPresentation) + lastDuration;
            long playDuration = durationsValid ? fp.playDuration() : scannedPlay * 10_000;
            long sendDuration = durationsValid && fp.sendDuration() > 0 ? fp.sendDuration()
                    : (Integer.toUnsignedLong(times[count - 1]) + lastDuration) * 10_000;
            long fileSize = fp.fileSize() >= dataEnd && fp.fileSize() <= size ? fp.fileSize() : dataEnd;
            FileProperties served = fp.withTotals(fileSize, count, playDuration, sendDuration)
                    .withFlags(fp.flags() & ~FileProperties.BROADCAST | FileProperties.SEEKABLE);
            AsfHeader header = served.equals(fp) ? original : original.withFileProperties(served);
            byte[] headerOut = header == original ? headerBytes : header.toBytes();
            DataObjectHeader data = new DataObjectHeader(DataObjectHeader.SIZE + (long) count * packetSize,
                    dataObject.fileId(), count, dataObject.reserved());
            byte[] servedBytes = Arrays.copyOf(headerOut, headerOut.length + DataObjectHeader.SIZE);
            System.arraycopy(data.toBytes(), 0, servedBytes, headerOut.length, DataObjectHeader.SIZE);
            long duration = Math.max(0, playDuration / 10_000 - fp.preroll());
            return new ArchiveFile(file, size, modified, header, servedBytes, dataOffset, packetSize, times,
                    fp.preroll(), duration, titleOf(original), Set.copyOf(video), Map.copyOf(starts), bitrates());
        }

        /** Each stream's payload bits over the send-time span, as {@link BitrateObjects#measure} computes them. */
        private Map<Integer, Long> bitrates() {
            long millis = Math.max(1, lastSendEnd - Math.max(0, firstSend));
            Map<Integer, Long> rates = new java.util.HashMap<>();
            for (int stream = 0; stream < streamBytes.length; stream++) {
                if (streamBytes[stream] > 0) {
                    rates.put(stream, streamBytes[stream] * 8 * 1000 / millis);
                }
            }
            return Map.copyOf(rates);
        }
    }

    private static Optional<String> titleOf(AsfHeader header) {
        Optional<String> title = header.contentDescription().map(ContentDescription::title).map(String::trim)
                .filter(t -> !t.isEmpty());
        if (title.isPresent()) {
            return title;
        }
        return header.extendedContentDescription().flatMap(e -> e.find("WM/Title"))
                .flatMap(ExtendedContentDescription.Descriptor::asText).map(String::trim).filter(t -> !t.isEmpty());
    }
}
