package org.asfcast.asf;

import java.util.HashSet;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * Moves a data packet in time, in place: its send time and every payload's presentation time
 * shift by the same number of milliseconds, and media object numbers can be shifted per stream.
 * Used to loop a file with continuous timestamps while passing its packets through unchanged
 * otherwise (no re-muxing).
 */
public final class PacketRetimer {

    private static final int[] FIELD_SIZE = {0, 1, 2, 4};

    private PacketRetimer() {
    }

    /**
     * Shifts {@code packet} (one whole packet, as parsed into {@code parsed}) by {@code millis}
     * and each payload's media object number by {@code objectShift.applyAsInt(streamNumber)}
     * (wrapping within the field's width). Times wrap at 2^32 ms, as the fields do.
     *
     * @throws AsfFormatException when a compressed payload's presentation time is held in a field
     *                            narrower than 32 bits and the shifted time does not fit
     */
    public static void shift(byte[] packet, DataPacket parsed, long millis, IntUnaryOperator objectShift)
            throws AsfFormatException {
        int prop = parsed.propertyFlags();
        int objectSize = FIELD_SIZE[prop >> 4 & 3];
        int offsetSize = FIELD_SIZE[prop >> 2 & 3];
        int replicatedSize = FIELD_SIZE[prop & 3];

        int sendAt = parsed.sendTimeIndex();
        LittleEndian.put32(packet, sendAt, (LittleEndian.u32(packet, sendAt) + millis) & 0xFFFF_FFFFL);

        Set<Integer> done = new HashSet<>();
        for (Payload p : parsed.payloads()) {
            int at = p.headerOffset();
            if (!done.add(at)) {
                continue; // the sub-payloads of one compressed payload share their header
            }
            int objectAt = at + 1;
            int offsetAt = objectAt + objectSize;
            int replicatedAt = offsetAt + offsetSize + replicatedSize;
            if (objectSize > 0) {
                long shifted = read(packet, objectAt, objectSize) + objectShift.applyAsInt(p.streamNumber());
                write(packet, objectAt, objectSize, shifted & mask(objectSize));
            }
            if (p.compressed()) {
                long time = read(packet, offsetAt, offsetSize) + millis;
                if (offsetSize < 4 && (time < 0 || time > mask(offsetSize))) {
                    throw new AsfFormatException(at, "a compressed payload's " + offsetSize * 8
                            + "-bit presentation time cannot be moved by " + millis + " ms");
                }
                write(packet, offsetAt, offsetSize, time & mask(offsetSize));
            } else if (p.presentationTime() != Payload.UNKNOWN) {
                long time = LittleEndian.u32(packet, replicatedAt + 4) + millis;
                LittleEndian.put32(packet, replicatedAt + 4, time & 0xFFFF_FFFFL);
            }
        }
    }

    private static long mask(int size) {
        return size == 4 ? 0xFFFF_FFFFL : (1L << size * 8) - 1;
    }

    private static long read(byte[] b, int at, int size) {
        return switch (size) {
            case 1 -> b[at] & 0xFF;
            case 2 -> LittleEndian.u16(b, at);
            default -> LittleEndian.u32(b, at);
        };
    }

    private static void write(byte[] b, int at, int size, long value) {
        switch (size) {
            case 1 -> b[at] = (byte) value;
            case 2 -> LittleEndian.put16(b, at, (int) value);
            default -> LittleEndian.put32(b, at, value);
        }
    }
}
