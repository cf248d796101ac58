package org.asfcast.asf;

/** Little-endian reads and writes on byte arrays, without bounds checks of their own. */
public final class LittleEndian {
    private LittleEndian() {
    }

    /** The unsigned 16-bit value at {@code i}. */
    public static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    /** The unsigned 32-bit value at {@code i}. */
    public static long u32(byte[] b, int i) {
        return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24;
    }

    /** The 64-bit value at {@code i}. */
    public static long u64(byte[] b, int i) {
        return u32(b, i) | u32(b, i + 4) << 32;
    }

    /** Writes the low 16 bits of {@code v} at {@code i}. */
    public static void put16(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
    }

    /** Writes the low 32 bits of {@code v} at {@code i}. */
    public static void put32(byte[] b, int i, long v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
        b[i + 3] = (byte) (v >>> 24);
    }

    /** Writes {@code v} at {@code i}. */
    public static void put64(byte[] b, int i, long v) {
        put32(b, i, v);
        put32(b, i + 4, v >>> 32);
    }
}
