package org.asfcast.asf;

import java.util.Arrays;

/**
 * A header object asfcast does not model (or whose encoding is not canonical), kept byte for byte.
 *
 * @param guid the object's GUID
 * @param body everything after the 24-byte object header
 */
public record UnknownObject(Guid guid, byte[] body) implements HeaderObject {

    public UnknownObject {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public byte[] toBytes() {
        ByteWriter out = new ByteWriter(24 + body.length);
        int start = out.beginObject(guid);
        out.bytes(body);
        out.endObject(start);
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownObject other && guid.equals(other.guid) && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return guid.hashCode() * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "UnknownObject[" + AsfGuids.describe(guid) + ", " + body.length + " bytes]";
    }
}
