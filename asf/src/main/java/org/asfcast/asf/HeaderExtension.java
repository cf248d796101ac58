package org.asfcast.asf;

import java.util.List;

/**
 * The Header Extension Object (ASF spec §3.4): a container of further header objects such as
 * Extended Stream Properties, Language List and Metadata.
 *
 * @param reserved1 ASF_Reserved_1
 * @param reserved2 6
 * @param objects   the contained objects, in order
 */
public record HeaderExtension(Guid reserved1, int reserved2, List<HeaderObject> objects) implements HeaderObject {

    public HeaderExtension {
        objects = List.copyOf(objects);
    }

    /** An empty Header Extension, as a minimal header needs. */
    public static HeaderExtension empty() {
        return new HeaderExtension(AsfGuids.RESERVED_1, 6, List.of());
    }

    @Override
    public Guid guid() {
        return AsfGuids.HEADER_EXTENSION;
    }

    @Override
    public byte[] toBytes() {
        ByteWriter out = new ByteWriter();
        int start = out.beginObject(guid());
        out.guid(reserved1).u16(reserved2);
        int sizeAt = out.size();
        out.u32(0);
        for (HeaderObject object : objects) {
            out.bytes(object.toBytes());
        }
        byte[] bytes = out.toByteArray();
        LittleEndian.put32(bytes, sizeAt, bytes.length - 46L);
        LittleEndian.put64(bytes, start + 16, bytes.length);
        return bytes;
    }
}
