package org.asfcast.netsink.wire;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Frames MS-WMSP chunks ([MS-WMSP] §2.2.3, research §3 and its appendix), little-endian.
 *
 * <p>A {@code $H} or {@code $D} chunk is a 12-byte chunk header followed by the payload:
 * <pre>
 *  0  '$' (0x24)     framing byte; never 0xA4, which FFmpeg, VLC and MPlayer cannot read
 *  1  'H' or 'D'     chunk type
 *  2  u16 length     8 + payload (PacketLength; FFmpeg reads this one)
 *  4  u32 location   $H: 0 (one fragment); $D: running packet number, wrapping at 2^32
 *  8  u8  0          incarnation (VLC, FFmpeg, Stream Pump write 0)
 *  9  u8  flags      $H: 0x0C; $D: low byte of the location (the MMS Sequence rule)
 * 10  u16 length     the same 8 + payload again (PacketSize; VLC reads this one)
 * </pre>
 * An {@code $E} chunk is 8 bytes: {@code 24 45 04 00} and a u32 reason (0 = normal end).
 */
public final class ChunkFramer {
    /** Bytes before the payload of a {@code $H} or {@code $D} chunk. */
    public static final int CHUNK_HEADER_LENGTH = 12;

    /** Length of an {@code $E} chunk. */
    public static final int END_CHUNK_LENGTH = 8;

    /**
     * The largest payload: the 16-bit length fields hold 8 + payload. Keep ASF packets far
     * smaller; VLC's 65 537-byte read buffer already overflows above 65 525.
     */
    public static final int MAX_PAYLOAD_LENGTH = 0xFFFF - 8;

    /** AFFlags of a {@code $H} chunk that holds the whole header, as every server writes it. */
    public static final int HEADER_AF_FLAGS = 0x0C;

    /** {@code $E} reason for a normal end of stream (S_OK): clients stop and do not reconnect. */
    public static final int REASON_NORMAL_END = 0;

    private static final byte FRAME = 0x24;
    private static final byte TYPE_HEADER = 'H';
    private static final byte TYPE_DATA = 'D';
    private static final byte TYPE_END = 'E';
    private static final long UINT32_MASK = 0xFFFF_FFFFL;

    private ChunkFramer() {
    }

    /**
     * The length of a {@code $H} or {@code $D} chunk around a payload; the Describe response's
     * {@code Content-Length} is this for the header.
     *
     * @param payloadLength the payload length, 1 to {@value #MAX_PAYLOAD_LENGTH}
     * @return 12 + payload length
     * @throws IllegalArgumentException if the payload does not fit one chunk
     */
    public static int chunkLength(int payloadLength) {
        checkPayloadLength(payloadLength);
        return CHUNK_HEADER_LENGTH + payloadLength;
    }

    /**
     * Writes the 12-byte header of a {@code $D} chunk at the buffer's position and advances it,
     * so the transport can put the packet right after it in the same buffer without a copy. The
     * buffer's byte order is neither used nor changed.
     *
     * @param dst          the buffer; needs 12 bytes remaining
     * @param packetLength the length of the ASF data packet that follows, 1 to {@value #MAX_PAYLOAD_LENGTH}
     * @param locationId   the running packet number, 0 or more; only its low 32 bits are sent
     * @throws IllegalArgumentException if the packet does not fit one chunk or the number is negative
     * @throws BufferOverflowException if fewer than 12 bytes remain
     */
    public static void writeDataHeader(ByteBuffer dst, int packetLength, long locationId) {
        checkPayloadLength(packetLength);
        if (locationId < 0) {
            throw new IllegalArgumentException("locationId must not be negative: " + locationId);
        }
        // One bounds check for all 12 bytes, so a short buffer is left untouched.
        if (dst.remaining() < CHUNK_HEADER_LENGTH) {
            throw new BufferOverflowException();
        }
        writeChunkHeader(dst, TYPE_DATA, packetLength, locationId & UINT32_MASK, (int) (locationId & 0xFF));
    }

    /**
     * Writes the 12-byte header of a {@code $H} chunk holding the whole ASF header (Header Object
     * plus the 50-byte Data Object header) at the buffer's position and advances it.
     *
     * @param dst          the buffer; needs 12 bytes remaining
     * @param headerLength the length of the ASF header that follows, 1 to {@value #MAX_PAYLOAD_LENGTH}
     * @throws IllegalArgumentException if the header does not fit one chunk (FFmpeg reads only
     *                                  the first {@code $H}, so it is never split)
     * @throws BufferOverflowException if fewer than 12 bytes remain
     */
    public static void writeHeaderChunkHeader(ByteBuffer dst, int headerLength) {
        checkPayloadLength(headerLength);
        if (dst.remaining() < CHUNK_HEADER_LENGTH) {
            throw new BufferOverflowException();
        }
        writeChunkHeader(dst, TYPE_HEADER, headerLength, 0, HEADER_AF_FLAGS);
    }

    /**
     * The {@code $H} chunk for an ASF header, sent byte-identical in Describe and Play responses.
     *
     * @param asfHeader the ASF Header Object followed by the 50-byte Data Object header
     * @return a new array: 12-byte chunk header, then the header bytes
     * @throws IllegalArgumentException if the header is empty or longer than {@value #MAX_PAYLOAD_LENGTH}
     */
    public static byte[] headerChunk(byte[] asfHeader) {
        byte[] chunk = new byte[chunkLength(asfHeader.length)];
        ByteBuffer out = ByteBuffer.wrap(chunk);
        writeHeaderChunkHeader(out, asfHeader.length);
        out.put(asfHeader);
        return chunk;
    }

    /**
     * A whole {@code $D} chunk in a new array; for tests and tools. The transport should prefer
     * {@link #writeDataHeader} into its own buffer.
     *
     * @param packet     one complete, fixed-size ASF data packet, padding included
     * @param locationId the running packet number, 0 or more
     * @return a new array: 12-byte chunk header, then the packet
     * @throws IllegalArgumentException as {@link #writeDataHeader}
     */
    public static byte[] dataChunk(byte[] packet, long locationId) {
        byte[] chunk = new byte[chunkLength(packet.length)];
        ByteBuffer out = ByteBuffer.wrap(chunk);
        writeDataHeader(out, packet.length, locationId);
        out.put(packet);
        return chunk;
    }

    /**
     * An {@code $E} end-of-stream chunk in the spec's 8-byte form. Use reason
     * {@value #REASON_NORMAL_END}: VLC reconnects to a broadcast on any other reason.
     *
     * @param reason the HRESULT to send, e.g. 0 (S_OK) or 1 (S_FALSE, "more to come")
     * @return a new 8-byte array
     */
    public static byte[] endChunk(int reason) {
        byte[] chunk = new byte[END_CHUNK_LENGTH];
        chunk[0] = FRAME;
        chunk[1] = TYPE_END;
        chunk[2] = 4;
        chunk[3] = 0;
        chunk[4] = (byte) reason;
        chunk[5] = (byte) (reason >>> 8);
        chunk[6] = (byte) (reason >>> 16);
        chunk[7] = (byte) (reason >>> 24);
        return chunk;
    }

    private static void writeChunkHeader(ByteBuffer dst, byte type, int payloadLength, long location, int flags) {
        int length = payloadLength + 8;
        dst.put(FRAME).put(type);
        putU16(dst, length);
        dst.put((byte) location).put((byte) (location >>> 8)).put((byte) (location >>> 16))
                .put((byte) (location >>> 24));
        dst.put((byte) 0).put((byte) flags);
        putU16(dst, length);
    }

    private static void putU16(ByteBuffer dst, int value) {
        dst.put((byte) value).put((byte) (value >>> 8));
    }

    private static void checkPayloadLength(int length) {
        if (length < 1 || length > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("a chunk payload must be 1 to " + MAX_PAYLOAD_LENGTH
                    + " bytes so that 8 + length fits the 16-bit length fields, not " + length);
        }
    }
}
