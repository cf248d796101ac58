package org.asfcast.asf;

/**
 * Derives the header of a live broadcast from any header, following the live profile that FFmpeg,
 * VLC, MPlayer and xine all accept: Broadcast flag set (Seekable cleared); file size and durations
 * zero; a Data Packets Count of {@link #PACKET_COUNT}; minimum packet size equal to the maximum; a
 * non-zero maximum bitrate; and a Data Object header whose size is 50 (VLC refuses 0).
 */
public final class LiveProfile {
    /**
     * The File Properties Data Packets Count of a live header: 0xFFFFFFFF, as VLC's mmsh output
     * sends. xine ends the stream once it has read that many packets, so 0 played nothing there.
     */
    public static final long PACKET_COUNT = 0xFFFFFFFFL;

    private LiveProfile() {
    }

    /** The broadcast form of {@code header}; every other object is kept as it is. */
    public static AsfHeader header(AsfHeader header) {
        FileProperties fp = header.fileProperties();
        long maxBitrate = fp.maxBitrate() != 0 ? fp.maxBitrate() : estimateMaxBitrate(header);
        FileProperties live = new FileProperties(fp.fileId(), 0, fp.creationDate(), PACKET_COUNT, 0, 0, fp.preroll(),
                (fp.flags() | FileProperties.BROADCAST) & ~FileProperties.SEEKABLE, fp.maxPacketSize(),
                fp.maxPacketSize(), maxBitrate);
        return header.withFileProperties(live);
    }

    /** What a live stream starts with: the broadcast header, then the 50-byte Data Object header. */
    public static byte[] streamStart(AsfHeader header) {
        AsfHeader live = header(header);
        byte[] head = live.toBytes();
        byte[] data = DataObjectHeader.live(live.fileProperties().fileId()).toBytes();
        byte[] result = new byte[head.length + data.length];
        System.arraycopy(head, 0, result, 0, head.length);
        System.arraycopy(data, 0, result, head.length, data.length);
        return result;
    }

    /**
     * An upper bound of the packetized bitrate from what the header says about each stream
     * (Stream Bitrate Properties, else Extended Stream Properties, else the audio format), plus
     * packet overhead; 0xFFFFFFFF ("unknown", FFmpeg's convention) when nothing says.
     */
    static long estimateMaxBitrate(AsfHeader header) {
        long total = 0;
        for (StreamProperties stream : header.streams()) {
            total += streamBitrate(header, stream);
        }
        if (total <= 0) {
            return 0xFFFFFFFFL;
        }
        int packetSize = header.packetSize();
        long overhead = total * (DataPacketWriter.PACKET_HEADER + 2L * DataPacketWriter.PAYLOAD_HEADER) / packetSize;
        return Math.min(0xFFFFFFFFL, total + overhead + total / 10);
    }

    private static long streamBitrate(AsfHeader header, StreamProperties stream) {
        int number = stream.streamNumber();
        long fromRecords = header.streamBitrates().stream().flatMap(s -> s.records().stream())
                .filter(r -> r.streamNumber() == number).mapToLong(StreamBitrateProperties.BitrateRecord::averageBitrate)
                .max().orElse(0);
        if (fromRecords > 0) {
            return fromRecords;
        }
        long fromEsp = header.extendedStreamProperties().stream().filter(e -> e.streamNumber() == number)
                .mapToLong(ExtendedStreamProperties::dataBitrate).max().orElse(0);
        if (fromEsp > 0) {
            return fromEsp;
        }
        return stream.audioFormat().map(w -> w.avgBytesPerSec() * 8).orElse(0L);
    }
}
