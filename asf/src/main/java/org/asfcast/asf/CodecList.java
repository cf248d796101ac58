package org.asfcast.asf;

import java.util.Arrays;
import java.util.List;

/**
 * The Codec List Object (ASF spec §3.5): human-readable codec names. Name and description lengths
 * count UTF-16 characters including the terminating NUL.
 */
public record CodecList(Guid reserved, List<Entry> entries) implements HeaderObject {

    /** Codec types. */
    public static final int VIDEO = 1, AUDIO = 2, UNKNOWN = 0xFFFF;

    /**
     * One codec.
     *
     * @param type        1 video, 2 audio, 0xFFFF unknown
     * @param name        codec name
     * @param description codec description
     * @param information codec-specific bytes (FFmpeg: the audio format tag or the video FourCC)
     */
    public record Entry(int type, String name, String description, byte[] information) {
        public Entry {
            information = information.clone();
        }

        @Override
        public byte[] information() {
            return information.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && type == e.type && name.equals(e.name) && description.equals(e.description)
                    && Arrays.equals(information, e.information);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + type;
        }
    }

    public CodecList {
        entries = List.copyOf(entries);
    }

    static CodecList read(ByteReader in) throws AsfFormatException {
        Guid reserved = in.guid("Reserved");
        long count = in.u32("Codec Entries Count");
        if (count > in.remaining() / 8) {
            throw new AsfFormatException(in.offset() - 4, "codec entry count " + count + " cannot fit in "
                    + in.remaining() + " bytes");
        }
        Entry[] entries = new Entry[(int) count];
        for (int i = 0; i < count; i++) {
            int type = in.u16("Codec Type");
            String name = in.utf16(2 * in.u16("Codec Name Length"), "Codec Name");
            String description = in.utf16(2 * in.u16("Codec Description Length"), "Codec Description");
            entries[i] = new Entry(type, name, description, in.bytes(in.u16("Codec Information Length"),
                    "Codec Information"));
        }
        return new CodecList(reserved, List.of(entries));
    }

    @Override
    public Guid guid() {
        return AsfGuids.CODEC_LIST;
    }

    @Override
    public byte[] toBytes() {
        ByteWriter out = new ByteWriter();
        int start = out.beginObject(guid());
        out.guid(reserved).u32(entries.size());
        for (Entry e : entries) {
            byte[] name = ByteWriter.utf16zOrEmpty(e.name());
            byte[] description = ByteWriter.utf16zOrEmpty(e.description());
            out.u16(e.type()).u16(name.length / 2).bytes(name).u16(description.length / 2).bytes(description)
                    .u16(e.information.length).bytes(e.information);
        }
        out.endObject(start);
        return out.toByteArray();
    }
}
