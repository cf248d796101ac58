package org.asfcast.asf;

/**
 * The File Properties Object (ASF spec §3.2). Times are in 100-ns units except {@code preroll}
 * (milliseconds). DWORD fields are held as unsigned values in a {@code long}.
 *
 * @param fileId            the file's ID, repeated in the Data Object
 * @param fileSize          bytes; invalid while broadcasting
 * @param creationDate      100-ns units since 1601-01-01 UTC
 * @param dataPacketsCount  number of data packets; invalid while broadcasting
 * @param playDuration      100-ns units, includes the preroll; invalid while broadcasting
 * @param sendDuration      100-ns units; invalid while broadcasting
 * @param preroll           milliseconds to buffer before playing; every presentation time is offset by it
 * @param flags             bit 0 Broadcast, bit 1 Seekable
 * @param minPacketSize     minimum data packet size (equal to the maximum in every file asfcast writes)
 * @param maxPacketSize     maximum data packet size
 * @param maxBitrate        bits per second including packet overhead
 */
public record FileProperties(Guid fileId, long fileSize, long creationDate, long dataPacketsCount,
                             long playDuration, long sendDuration, long preroll, long flags,
                             long minPacketSize, long maxPacketSize, long maxBitrate) implements HeaderObject {

    /** Flags bit: the file is being created; sizes, counts and durations are invalid. */
    public static final long BROADCAST = 1;
    /** Flags bit: the file can be seeked. */
    public static final long SEEKABLE = 2;
    /** Size of the object on disk. */
    public static final int SIZE = 104;

    static FileProperties read(ByteReader in) throws AsfFormatException {
        return new FileProperties(in.guid("File ID"), in.u64("File Size"), in.u64("Creation Date"),
                in.u64("Data Packets Count"), in.u64("Play Duration"), in.u64("Send Duration"),
                in.u64("Preroll"), in.u32("Flags"), in.u32("Minimum Data Packet Size"),
                in.u32("Maximum Data Packet Size"), in.u32("Maximum Bitrate"));
    }

    @Override
    public Guid guid() {
        return AsfGuids.FILE_PROPERTIES;
    }

    @Override
    public byte[] toBytes() {
        ByteWriter out = new ByteWriter(SIZE);
        int start = out.beginObject(guid());
        out.guid(fileId).u64(fileSize).u64(creationDate).u64(dataPacketsCount).u64(playDuration)
                .u64(sendDuration).u64(preroll).u32(flags).u32(minPacketSize).u32(maxPacketSize).u32(maxBitrate);
        out.endObject(start);
        return out.toByteArray();
    }

    /** Whether the Broadcast flag is set. */
    public boolean isBroadcast() {
        return (flags & BROADCAST) != 0;
    }

    /** Whether the Seekable flag is set. */
    public boolean isSeekable() {
        return (flags & SEEKABLE) != 0;
    }

    /** The data packet size readers use: the maximum, as FFmpeg and MPlayer do. */
    public int packetSize() {
        return (int) maxPacketSize;
    }

    /** A copy with other flags. */
    public FileProperties withFlags(long newFlags) {
        return new FileProperties(fileId, fileSize, creationDate, dataPacketsCount, playDuration, sendDuration,
                preroll, newFlags, minPacketSize, maxPacketSize, maxBitrate);
    }

    /** A copy with the values a finished file records. */
    public FileProperties withTotals(long newFileSize, long newPacketCount, long newPlayDuration,
                                     long newSendDuration) {
        return new FileProperties(fileId, newFileSize, creationDate, newPacketCount, newPlayDuration,
                newSendDuration, preroll, flags, minPacketSize, maxPacketSize, maxBitrate);
    }

    /** A copy with another maximum bitrate. */
    public FileProperties withMaxBitrate(long newMaxBitrate) {
        return new FileProperties(fileId, fileSize, creationDate, dataPacketsCount, playDuration, sendDuration,
                preroll, flags, minPacketSize, maxPacketSize, newMaxBitrate);
    }

    /** A copy with min = max = {@code packetSize}. */
    public FileProperties withPacketSize(long packetSize) {
        return new FileProperties(fileId, fileSize, creationDate, dataPacketsCount, playDuration, sendDuration,
                preroll, flags, packetSize, packetSize, maxBitrate);
    }
}
