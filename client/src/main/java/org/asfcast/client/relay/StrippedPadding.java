package org.asfcast.client.relay;

/**
 * Gives back its padding to an ASF data packet a server sent short. [MS-WMSP] §2.2.3.3 lets a
 * server strip a packet's padding and rewrite its Padding Length; the client pads the packet back
 * to the header's size with zeros, and those bytes must be accounted for again, or a reader takes
 * them for payload data. An edge stores the packet as the writer would have made it: the Padding
 * Length covers the zeros. Pure.
 */
final class StrippedPadding {

    private StrippedPadding() {
    }

    /**
     * Rewrites, in place, the Padding Length of {@code packet} (zero-padded to its full size after
     * {@code sentLength} bytes arrived) so that it covers the added zeros.
     *
     * @return true when the packet reads right now: nothing was added, its Packet Length already
     *         ends it where it was cut, or its Padding Length was widened; false when its header
     *         has no Padding Length field wide enough (the zeros are left as they are)
     */
    static boolean restore(byte[] packet, int sentLength) {
        int added = packet.length - sentLength;
        if (added <= 0) {
            return true;
        }
        int at = 0;
        int ltf = packet[at++] & 0xFF;
        if ((ltf & 0x80) != 0) {
            at += ltf & 0x0F; // error correction data
            if (at >= packet.length) {
                return false;
            }
            ltf = packet[at++] & 0xFF;
        }
        at++; // property flags
        int lengthSize = width(ltf >> 5 & 3);
        int sequenceSize = width(ltf >> 1 & 3);
        int paddingSize = width(ltf >> 3 & 3);
        if (at + lengthSize + sequenceSize + paddingSize > packet.length) {
            return false;
        }
        if (lengthSize > 0 && read(packet, at, lengthSize) <= sentLength) {
            return true; // readers stop at the Packet Length; the zeros lie beyond it
        }
        int paddingAt = at + lengthSize + sequenceSize;
        if (paddingSize == 0) {
            return false;
        }
        long padding = read(packet, paddingAt, paddingSize) + added;
        if (padding >= 1L << (8 * paddingSize)) {
            return false;
        }
        for (int i = 0; i < paddingSize; i++) {
            packet[paddingAt + i] = (byte) (padding >>> (8 * i));
        }
        return true;
    }

    /** The bytes of a field of length type {@code type}: 0, 1 (BYTE), 2 (WORD) or 4 (DWORD). */
    private static int width(int type) {
        return type == 3 ? 4 : type;
    }

    private static long read(byte[] bytes, int at, int size) {
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = value << 8 | (bytes[at + i] & 0xFF);
        }
        return value;
    }
}
