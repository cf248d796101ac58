package org.asfcast.netsink.wire;

import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.DataPacket;

/**
 * Gives a pushed data packet its padding back. A pusher removes a packet's padding and rewrites
 * its Padding Length ([MS-WMHTTP] §2.2.3.3, as MS-WMSP §2.2.3.3 asks of a server); the broadcast's
 * ring, its plain-HTTP players and its own parser need whole packets of the header's size. Pure.
 */
public final class PushedPacket {

    private static final int PADDING_WORD = 2 << 3;

    private PushedPacket() {
    }

    /**
     * {@code packet} at {@code size} bytes: the same array when it is whole; else with its Padding
     * Length grown in place when the field is there and wide enough, or with its packet header
     * written again with a WORD Padding Length (no Packet Length) when not.
     *
     * @param offset where the packet was in the body, for the message
     * @throws PushFormatException when it is larger than {@code size}, is not an ASF data packet,
     *                             or cannot be padded to {@code size}
     */
    public static byte[] padded(byte[] packet, int size, long offset) throws PushFormatException {
        if (packet.length > size) {
            throw new PushFormatException(offset, "a $D packet of " + packet.length
                    + " bytes is larger than the header's packet size, " + size);
        }
        DataPacket parsed;
        try {
            parsed = DataPacket.parse(packet, 0, packet.length, offset);
        } catch (AsfFormatException e) {
            throw new PushFormatException(offset, "the $D packet is not an ASF data packet (" + e.problem() + ")");
        }
        if (packet.length == size) {
            return packet;
        }
        int missing = size - packet.length;
        int ec = parsed.hasErrorCorrection() ? 1 + (parsed.errorCorrectionFlags() & 0x0F) : 0;
        int ltf = parsed.lengthTypeFlags();
        int lengthType = ltf >> 5 & 3;
        int sequenceType = ltf >> 1 & 3;
        int paddingType = ltf >> 3 & 3;
        int paddingAt = ec + 2 + width(lengthType) + width(sequenceType);
        long grown = parsed.paddingLength() + missing;
        byte[] out = new byte[size];
        if (lengthType == 0 && paddingType != 0 && grown <= maximum(paddingType)) {
            System.arraycopy(packet, 0, out, 0, packet.length);
            put(out, paddingAt, paddingType, grown);
            return out;
        }
        int bodyStart = paddingAt + width(paddingType) + 6;
        int bodyEnd = (int) ((lengthType != 0 ? parsed.packetLength() : packet.length) - parsed.paddingLength());
        int headerLength = ec + 2 + width(sequenceType) + 2 + 6;
        int length = headerLength + bodyEnd - bodyStart;
        if (length > size) {
            throw new PushFormatException(offset, "the $D packet of " + packet.length
                    + " bytes cannot be padded to the header's packet size, " + size);
        }
        System.arraycopy(packet, 0, out, 0, ec);
        int pos = ec;
        out[pos++] = (byte) (ltf & 0x81 | sequenceType << 1 | PADDING_WORD);
        out[pos++] = (byte) parsed.propertyFlags();
        put(out, pos, sequenceType, parsed.sequence());
        pos += width(sequenceType);
        put(out, pos, 2, size - length);
        pos += 2;
        System.arraycopy(packet, paddingAt + width(paddingType), out, pos, 6); // send time, duration
        pos += 6;
        System.arraycopy(packet, bodyStart, out, pos, bodyEnd - bodyStart);
        return out;
    }

    private static int width(int type) {
        return type == 3 ? 4 : type;
    }

    private static long maximum(int type) {
        return type == 1 ? 0xFF : type == 2 ? 0xFFFF : 0xFFFF_FFFFL;
    }

    private static void put(byte[] out, int at, int type, long value) {
        for (int i = 0; i < width(type); i++) {
            out[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
