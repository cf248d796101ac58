package org.asfcast.client;

import java.io.ByteArrayOutputStream;

/** Builds MS-WMSP chunks byte by byte as the research appendix's templates give them. */
final class Frames {
    private Frames() {
    }

    /** {@code $H}: 24 48 [N+8] 00 00 00 00 00 0C [N+8] payload. */
    static byte[] header(byte[] payload) {
        return dataShaped(0x24, 'H', 0, 0x0C, payload.length + 8, payload.length + 8, payload);
    }

    /** {@code $D}: 24 44 [P+8] [LocationId] 00 [AFFlags] [P+8] payload. */
    static byte[] data(long locationId, int afFlags, byte[] payload) {
        return dataShaped(0x24, 'D', locationId, afFlags, payload.length + 8, payload.length + 8, payload);
    }

    /** A chunk with an MMS data packet header and any field values, consistent or not. */
    static byte[] dataShaped(int frame, int id, long locationId, int afFlags, int packetLength, int packetSize,
                             byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(frame);
        out.write(id);
        u16(out, packetLength);
        u32(out, locationId);
        out.write(0);
        out.write(afFlags);
        u16(out, packetSize);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** The spec's 8-byte {@code $E}: 24 45 04 00 [Reason]. */
    static byte[] end(long reason) {
        return reasonShaped('E', reason);
    }

    /** The spec's 8-byte {@code $C}: 24 43 04 00 [Reason]. */
    static byte[] change(long reason) {
        return reasonShaped('C', reason);
    }

    private static byte[] reasonShaped(int id, long reason) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x24);
        out.write(id);
        u16(out, 4);
        u32(out, reason);
        return out.toByteArray();
    }

    /** VLC's and FFmpeg's 12-byte {@code $E}: PacketLength 8, the sequence where the Reason belongs. */
    static byte[] muxerEnd(long sequence) {
        return dataShaped(0x24, 'E', sequence, 0, 8, 8, new byte[0]);
    }

    /** Concatenates byte arrays. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Parses a hex string with optional blanks. */
    static byte[] hex(String text) {
        String digits = text.replaceAll("\\s", "");
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write(value >>> 8 & 0xFF);
    }

    private static void u32(ByteArrayOutputStream out, long value) {
        u16(out, (int) (value & 0xFFFF));
        u16(out, (int) (value >>> 16 & 0xFFFF));
    }
}
