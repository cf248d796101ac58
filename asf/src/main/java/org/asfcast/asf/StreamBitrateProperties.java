package org.asfcast.asf;

import java.util.List;

/** The Stream Bitrate Properties Object (ASF spec §3.12): the average bitrate of each stream. */
public record StreamBitrateProperties(List<BitrateRecord> records) implements HeaderObject {

    /**
     * @param flags          bits 0-6 stream number
     * @param averageBitrate bits per second
     */
    public record BitrateRecord(int flags, long averageBitrate) {
        /** The stream number. */
        public int streamNumber() {
            return flags & 0x7F;
        }
    }

    public StreamBitrateProperties {
        records = List.copyOf(records);
    }

    static StreamBitrateProperties read(ByteReader in) throws AsfFormatException {
        int count = in.u16("Bitrate Records Count");
        BitrateRecord[] records = new BitrateRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = new BitrateRecord(in.u16("Bitrate Record Flags"), in.u32("Average Bitrate"));
        }
        return new StreamBitrateProperties(List.of(records));
    }

    @Override
    public Guid guid() {
        return AsfGuids.STREAM_BITRATE_PROPERTIES;
    }

    @Override
    public byte[] toBytes() {
        ByteWriter out = new ByteWriter(26 + 6 * records.size());
        int start = out.beginObject(guid());
        out.u16(records.size());
        for (BitrateRecord r : records) {
            out.u16(r.flags()).u32(r.averageBitrate());
        }
        out.endObject(start);
        return out.toByteArray();
    }
}
