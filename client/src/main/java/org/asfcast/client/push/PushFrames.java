package org.asfcast.client.push;

import org.asfcast.asf.LittleEndian;

/**
 * The packets of a PushStart body ([MS-WMHTTP] §2.2.3): each starts with the 4-byte framing header
 * ({@code 0x24}, the packet type, a little-endian 16-bit length of what follows) and, unlike
 * MS-WMSP, carries nothing more: no LocationId, Incarnation or AFFlags. Pure: bytes in, bytes out.
 */
public final class PushFrames {

    /** Bytes of the framing header. */
    public static final int FRAMING = 4;
    /** The most a packet can carry after its framing header (the 16-bit length). */
    public static final int MAX_PAYLOAD = 0xFFFF;
    /** The largest ASF file header an {@code $H} carries (§2.2.3.6). */
    public static final int MAX_HEADER = 65_531;
    /** The largest ASF file header a {@code $C} carries (§2.2.3.2), its 4-byte reason taking the rest. */
    public static final int MAX_CHANGED_HEADER = 65_527;
    /** {@code $E} reason: the session is over (S_OK). */
    public static final int END_OF_SESSION = 0;
    /** {@code $E} reason: this playlist entry is over and a {@code $C} with a new header follows (S_FALSE). */
    public static final int END_OF_ENTRY = 1;
    /** Bytes of an {@code $E}: the framing header and the reason. */
    public static final int END_LENGTH = FRAMING + 4;

    private PushFrames() {
    }

    /**
     * {@code $H}: the first ASF file header of a session (the Header Object and the 50-byte Data
     * Object header), {@code 24 48 <length>} + the header.
     *
     * @throws IllegalArgumentException when the header is longer than {@link #MAX_HEADER}
     */
    public static byte[] header(byte[] asfHeader) {
        if (asfHeader.length > MAX_HEADER) {
            throw new IllegalArgumentException("an ASF header of " + asfHeader.length + " bytes cannot be pushed: "
                    + "MS-WMHTTP carries at most " + MAX_HEADER);
        }
        return frame('H', asfHeader, 0, asfHeader.length, 0, false);
    }

    /**
     * {@code $C}: a new ASF file header for the next playlist entry, {@code 24 43 <length> 00 00 00 00}
     * + the header (the push {@code $C} carries the header itself, unlike MS-WMSP's).
     *
     * @throws IllegalArgumentException when the header is longer than {@link #MAX_CHANGED_HEADER}
     */
    public static byte[] streamChange(byte[] asfHeader) {
        if (asfHeader.length > MAX_CHANGED_HEADER) {
            throw new IllegalArgumentException("a changed ASF header of " + asfHeader.length + " bytes cannot be "
                    + "pushed: MS-WMHTTP carries at most " + MAX_CHANGED_HEADER);
        }
        return frame('C', asfHeader, 0, asfHeader.length, 0, true);
    }

    /**
     * {@code $D}: one ASF data packet as it is, {@code 24 44 <length>} + the packet. The caller
     * removes the padding first ({@link UnpaddedPacket}), as §2.2.3.3 asks.
     *
     * @throws IllegalArgumentException when the packet is longer than {@link #MAX_PAYLOAD}
     */
    public static byte[] data(byte[] packet, int offset, int length) {
        if (length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a data packet of " + length + " bytes cannot be pushed: a $D "
                    + "carries at most " + MAX_PAYLOAD);
        }
        return frame('D', packet, offset, length, 0, false);
    }

    /** {@code $E}: {@code 24 45 04 00} + the 32-bit reason ({@link #END_OF_SESSION} or {@link #END_OF_ENTRY}). */
    public static byte[] end(int reason) {
        return frame('E', new byte[0], 0, 0, reason, true);
    }

    /**
     * {@code $F}: {@code 24 46 <length>} + that many zero bytes, to make the body as long as its
     * Content-Length said.
     *
     * @throws IllegalArgumentException when the length is outside 0..{@link #MAX_PAYLOAD}
     */
    public static byte[] filler(int payloadLength) {
        if (payloadLength < 0 || payloadLength > MAX_PAYLOAD) {
            throw new IllegalArgumentException("an $F carries 0.." + MAX_PAYLOAD + " bytes, not " + payloadLength);
        }
        return frame('F', new byte[payloadLength], 0, payloadLength, 0, false);
    }

    private static byte[] frame(char type, byte[] payload, int offset, int length, int reason, boolean withReason) {
        int reasonBytes = withReason ? 4 : 0;
        int after = reasonBytes + length;
        byte[] out = new byte[FRAMING + after];
        out[0] = 0x24; // B = 0, frame '$' (§2.2.3.1.1)
        out[1] = (byte) type;
        LittleEndian.put16(out, 2, after);
        if (withReason) {
            LittleEndian.put32(out, 4, reason);
        }
        System.arraycopy(payload, offset, out, FRAMING + reasonBytes, length);
        return out;
    }

    /** The packet type of a frame made here ('H', 'D', 'C', 'E' or 'F'). */
    static char type(byte[] frame) {
        return (char) frame[1];
    }
}
