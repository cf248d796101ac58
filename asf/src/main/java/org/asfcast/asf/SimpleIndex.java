package org.asfcast.asf;

import java.util.List;

/**
 * The Simple Index Object (ASF spec §6.1): for each time interval, the packet where the closest
 * earlier key frame of one video stream starts, and how many packets that key frame spans.
 * Entry {@code i} covers presentation time {@code i × interval}, which includes the preroll (as
 * FFmpeg writes and reads it).
 *
 * @param fileId         the File ID (may be zero)
 * @param interval       100-ns units per entry (usually 10,000,000 = 1 s)
 * @param maxPacketCount the largest packet count of any entry
 * @param entries        one per interval
 */
public record SimpleIndex(Guid fileId, long interval, long maxPacketCount, List<Entry> entries) {

    /** The usual interval: one second. */
    public static final long ONE_SECOND = 10_000_000L;

    /**
     * @param packetNumber first packet of the key frame
     * @param packetCount  packets the key frame spans
     */
    public record Entry(long packetNumber, int packetCount) {
    }

    public SimpleIndex {
        entries = List.copyOf(entries);
    }

    /** Parses the body of a Simple Index Object (after its 24-byte object header). */
    static SimpleIndex read(ByteReader in) throws AsfFormatException {
        Guid fileId = in.guid("File ID");
        long interval = in.u64("Index Entry Time Interval");
        long maxCount = in.u32("Maximum Packet Count");
        long count = in.u32("Index Entries Count");
        if (count > in.remaining() / 6) {
            throw new AsfFormatException(in.offset() - 4, "Simple Index claims " + count + " entries but holds "
                    + in.remaining() + " bytes");
        }
        if (interval == 0 && count > 0) {
            throw new AsfFormatException(in.offset() - 16, "Simple Index time interval is 0");
        }
        Entry[] entries = new Entry[(int) count];
        for (int i = 0; i < count; i++) {
            entries[i] = new Entry(in.u32("Packet Number"), in.u16("Packet Count"));
        }
        return new SimpleIndex(fileId, interval, maxCount, List.of(entries));
    }

    /** The whole object as bytes. */
    public byte[] toBytes() {
        ByteWriter out = new ByteWriter(56 + 6 * entries.size());
        int start = out.beginObject(AsfGuids.SIMPLE_INDEX);
        out.guid(fileId).u64(interval).u32(maxPacketCount).u32(entries.size());
        for (Entry e : entries) {
            out.u32(e.packetNumber()).u16(e.packetCount());
        }
        out.endObject(start);
        return out.toByteArray();
    }

    /** The entry for presentation time {@code millis} (clamped to the first and last entry). */
    public Entry entryAt(long millis) {
        if (entries.isEmpty()) {
            throw new IllegalStateException("the index is empty");
        }
        // A file's preroll can make any time huge: saturate instead of overflowing into a negative
        // index, and divide by the interval as the unsigned QWORD it is.
        long ticks = millis <= 0 ? 0 : millis >= Long.MAX_VALUE / 10_000 ? Long.MAX_VALUE : millis * 10_000;
        long i = Long.divideUnsigned(ticks, interval);
        return entries.get((int) Math.min(i, entries.size() - 1));
    }
}
