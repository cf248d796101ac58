package org.asfcast.asf;

import java.io.ByteArrayOutputStream;

/**
 * Builds data packets field by field with any length types, to exercise every variant the
 * specification allows (asfcast itself writes only the live profile).
 */
final class PacketCrafter {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PacketCrafter u8(int v) {
        out.write(v);
        return this;
    }

    PacketCrafter sized(int lengthType, long v) {
        int n = lengthType == 3 ? 4 : lengthType;
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> 8 * i));
        }
        return this;
    }

    PacketCrafter u16(int v) {
        return sized(2, v);
    }

    PacketCrafter u32(long v) {
        return sized(3, v);
    }

    PacketCrafter bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    int size() {
        return out.size();
    }

    /** The bytes, zero-padded to {@code packetSize}. */
    byte[] padTo(int packetSize) {
        byte[] b = out.toByteArray();
        if (b.length > packetSize) {
            throw new IllegalStateException("crafted packet of " + b.length + " exceeds " + packetSize);
        }
        return java.util.Arrays.copyOf(b, packetSize);
    }

    static byte[] filled(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        return b;
    }
}
