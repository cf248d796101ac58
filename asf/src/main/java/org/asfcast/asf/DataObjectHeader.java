package org.asfcast.asf;

/**
 * The 50-byte start of the Data Object (ASF spec §5.1), before the data packets.
 *
 * @param objectSize   50 + packets × packet size for a file; 50 for a live stream
 * @param fileId       equal to the File Properties File ID
 * @param totalPackets number of packets; 0 for a live stream
 * @param reserved     0x0101
 */
public record DataObjectHeader(long objectSize, Guid fileId, long totalPackets, int reserved) {
    /** Size of this header. */
    public static final int SIZE = 50;

    /** The header a live stream carries: size 50 (VLC refuses 0), no packet count. */
    public static DataObjectHeader live(Guid fileId) {
        return new DataObjectHeader(SIZE, fileId, 0, 0x0101);
    }

    /** Parses the 50 bytes at {@code bytes[offset]}; {@code inputOffset} is their absolute position. */
    public static DataObjectHeader parse(byte[] bytes, int offset, long inputOffset) throws AsfFormatException {
        ByteReader in = new ByteReader(bytes, offset, Math.min(bytes.length, offset + SIZE), inputOffset);
        Guid guid = in.guid("Data Object GUID");
        if (!guid.equals(AsfGuids.DATA)) {
            throw new AsfFormatException(inputOffset, "expected the Data Object after the header, found "
                    + AsfGuids.describe(guid));
        }
        long size = in.u64("Data Object size");
        if (size != 0 && size < SIZE) {
            throw new AsfFormatException(inputOffset + 16, "Data Object size " + size + " is below 50");
        }
        return new DataObjectHeader(size, in.guid("File ID"), in.u64("Total Data Packets"), in.u16("Reserved"));
    }

    /** The 50 bytes. */
    public byte[] toBytes() {
        return new ByteWriter(SIZE).guid(AsfGuids.DATA).u64(objectSize).guid(fileId).u64(totalPackets)
                .u16(reserved).toByteArray();
    }
}
