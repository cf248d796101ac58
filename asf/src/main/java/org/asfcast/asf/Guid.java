package org.asfcast.asf;

import java.util.Locale;
import java.util.UUID;

/**
 * A GUID as ASF uses it. Held in canonical (big-endian, as printed) form; on disk the first
 * three fields are little-endian, which {@link #read} and {@link #write} convert.
 *
 * @param mostSignificant  the first 8 bytes of the canonical form
 * @param leastSignificant the last 8 bytes of the canonical form
 */
public record Guid(long mostSignificant, long leastSignificant) {

    /** Length of a GUID on disk. */
    public static final int SIZE = 16;

    /** Parses the canonical text form, e.g. {@code 75B22630-668E-11CF-A6D9-00AA0062CE6C}. */
    public static Guid parse(String text) {
        UUID uuid = UUID.fromString(text);
        return new Guid(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    /** Reads the 16 on-disk bytes at {@code offset}; the caller checks the bounds. */
    public static Guid read(byte[] bytes, int offset) {
        long data1 = (bytes[offset] & 0xFFL) | (bytes[offset + 1] & 0xFFL) << 8
                | (bytes[offset + 2] & 0xFFL) << 16 | (bytes[offset + 3] & 0xFFL) << 24;
        long data2 = (bytes[offset + 4] & 0xFFL) | (bytes[offset + 5] & 0xFFL) << 8;
        long data3 = (bytes[offset + 6] & 0xFFL) | (bytes[offset + 7] & 0xFFL) << 8;
        long low = 0;
        for (int i = 8; i < 16; i++) {
            low = low << 8 | (bytes[offset + i] & 0xFFL);
        }
        return new Guid(data1 << 32 | data2 << 16 | data3, low);
    }

    /** Writes the 16 on-disk bytes at {@code offset}. */
    public void write(byte[] bytes, int offset) {
        long data1 = mostSignificant >>> 32;
        long data2 = mostSignificant >>> 16 & 0xFFFF;
        long data3 = mostSignificant & 0xFFFF;
        for (int i = 0; i < 4; i++) {
            bytes[offset + i] = (byte) (data1 >>> 8 * i);
        }
        bytes[offset + 4] = (byte) data2;
        bytes[offset + 5] = (byte) (data2 >>> 8);
        bytes[offset + 6] = (byte) data3;
        bytes[offset + 7] = (byte) (data3 >>> 8);
        for (int i = 0; i < 8; i++) {
            bytes[offset + 8 + i] = (byte) (leastSignificant >>> 8 * (7 - i));
        }
    }

    /** The 16 on-disk bytes. */
    public byte[] toBytes() {
        byte[] bytes = new byte[SIZE];
        write(bytes, 0);
        return bytes;
    }

    /** A random (version 4) GUID, e.g. for a File ID. */
    public static Guid random() {
        UUID uuid = UUID.randomUUID();
        return new Guid(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    /** The canonical text form in upper case, as the ASF specification prints GUIDs. */
    @Override
    public String toString() {
        return new UUID(mostSignificant, leastSignificant).toString().toUpperCase(Locale.ROOT);
    }
}
