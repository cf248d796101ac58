package org.asfcast.client.push;

import java.nio.ByteBuffer;

/**
 * An ASF data packet without its padding, as a {@code $D} of a push carries it ([MS-WMHTTP]
 * §2.2.3.3: the Padding Data SHOULD be removed, and then the Padding Length MUST say there is
 * none). The Padding Length field keeps its width and becomes 0, so no other byte moves; an
 * explicit Packet Length becomes the new, shorter length. Bytes after an explicit Packet Length
 * are padding too (readers treat them so) and go as well. Pure: reads only the packet's
 * parsing information (ASF §5.2.2), never its payloads.
 */
public final class UnpaddedPacket {

    private UnpaddedPacket() {
    }

    /**
     * The packet between the buffer's position and limit, without padding, in a new array (the
     * buffer is not changed).
     *
     * @throws IllegalArgumentException when the parsing information is cut short or says the
     *                                  packet is shorter than its own header
     */
    public static byte[] of(ByteBuffer packet) {
        int size = packet.remaining();
        int base = packet.position();
        int at = 0;
        int first = byteAt(packet, base, at++, size);
        int lengthTypes = first;
        if ((first & 0x80) != 0) {
            at += first & 0x0F; // error correction data
            lengthTypes = byteAt(packet, base, at++, size);
        }
        at++; // property flags
        int packetLengthType = lengthTypes >> 5 & 3;
        int sequenceType = lengthTypes >> 1 & 3;
        int paddingType = lengthTypes >> 3 & 3;
        int packetLengthAt = at;
        long packetLength = field(packet, base, at, packetLengthType, size);
        at += width(packetLengthType) + width(sequenceType);
        int paddingAt = at;
        long padding = field(packet, base, at, paddingType, size);
        at += width(paddingType) + 6; // send time, duration
        if (at > size) {
            throw new IllegalArgumentException("the packet's " + size + " bytes end inside its parsing information");
        }
        long end = packetLengthType != 0 ? packetLength : size;
        if (end > size || end - padding < at) {
            throw new IllegalArgumentException("the packet says it holds " + end + " bytes with " + padding
                    + " of padding, but it has " + size + " and a " + at + "-byte header");
        }
        int kept = (int) (end - padding);
        byte[] out = new byte[kept];
        packet.duplicate().get(out);
        if (paddingType != 0) {
            put(out, paddingAt, paddingType, 0);
        }
        if (packetLengthType != 0) {
            put(out, packetLengthAt, packetLengthType, kept); // no longer than before, so it fits the field
        }
        return out;
    }

    private static int byteAt(ByteBuffer packet, int base, int at, int size) {
        if (at >= size) {
            throw new IllegalArgumentException("the packet's " + size + " bytes end inside its parsing information");
        }
        return packet.get(base + at) & 0xFF;
    }

    /** Bytes of a field of length type {@code type}: 0 (absent), 1 (BYTE), 2 (WORD), 4 (DWORD). */
    private static int width(int type) {
        return type == 3 ? 4 : type;
    }

    private static long field(ByteBuffer packet, int base, int at, int type, int size) {
        long value = 0;
        for (int i = width(type) - 1; i >= 0; i--) {
            value = value << 8 | byteAt(packet, base, at + i, size);
        }
        return value;
    }

    private static void put(byte[] out, int at, int type, long value) {
        for (int i = 0; i < width(type); i++) {
            out[at + i] = (byte) (value >>> 8 * i);
        }
    }
}
