package org.asfcast.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an MS-WMSP framed body ({@code $H}, {@code $D}, {@code $E}, … chunks) into
 * {@link Chunk}s. Pure and incremental: feed it bytes as they arrive, in pieces of any size, and
 * it returns the chunks completed so far. No I/O, not thread-safe.
 *
 * <p>Leniency follows the players. The first byte may be {@code 0x24} or {@code 0xA4} (the spec's
 * "next packet follows" bit; real WMS sets it). The chunk extends PacketLength bytes past the
 * 4-byte framing header, as the spec and FFmpeg read it; a different PacketSize (which VLC reads
 * instead) is tolerated and counted in {@link #lengthMismatches()}. A 12-byte {@code $E} (PacketLength
 * 8, as VLC's and FFmpeg's muxers write it) is accepted like the spec's 8-byte one. Only lengths
 * that cannot be right are refused: a {@code $H}/{@code $D}/{@code $M} shorter than its 8-byte MMS
 * data packet header, an {@code $E}/{@code $C} without room for its Reason.
 *
 * <p>Memory is bounded: besides a 12-byte header buffer it allocates exactly one array per chunk,
 * of the chunk's declared payload length (at most 65 535 bytes).
 */
public final class ChunkDecoder {
    /** The framing header: frame byte, PacketID, PacketLength. */
    public static final int FRAMING_HEADER_SIZE = 4;
    /** The MMS data packet header after the framing header: LocationId, Incarnation, AFFlags, PacketSize. */
    public static final int DATA_HEADER_SIZE = 8;

    private final byte[] head = new byte[FRAMING_HEADER_SIZE + DATA_HEADER_SIZE];
    private int headFill;
    private int headNeeded = FRAMING_HEADER_SIZE;
    private int packetLength;
    private byte[] body;
    private int bodyFill;
    private int skipRemaining;
    private long chunkStart;
    private long position;
    private long lengthMismatches;
    private StreamProtocolException failure;

    /** A decoder whose offsets count from 0 at the first byte it is fed. */
    public ChunkDecoder() {
        this(0);
    }

    /**
     * A decoder whose offsets count from {@code startOffset}, e.g. the length of the HTTP response
     * head, so that error messages name the byte in the whole response.
     */
    public ChunkDecoder(long startOffset) {
        this.position = startOffset;
        this.chunkStart = startOffset;
    }

    /**
     * Consumes {@code length} bytes and returns the chunks they complete, in order (often none,
     * when the bytes end inside a chunk).
     *
     * @throws StreamProtocolException at the first impossible chunk; the decoder then stays failed
     *                                 and throws the same exception on every later call
     */
    public List<Chunk> decode(byte[] bytes, int offset, int length) throws StreamProtocolException {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new IndexOutOfBoundsException("window " + offset + "+" + length + " outside " + bytes.length);
        }
        if (failure != null) {
            throw failure;
        }
        List<Chunk> chunks = new ArrayList<>(2);
        int at = offset;
        int end = offset + length;
        try {
            while (at < end) {
                at += step(bytes, at, end - at, chunks);
            }
        } catch (StreamProtocolException e) {
            failure = e;
            throw e;
        }
        return chunks;
    }

    /** Same as {@code decode(bytes, 0, bytes.length)}. */
    public List<Chunk> decode(byte[] bytes) throws StreamProtocolException {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Declares the end of the input.
     *
     * @throws StreamProtocolException when the input ended inside a chunk
     */
    public void finish() throws StreamProtocolException {
        if (failure != null) {
            throw failure;
        }
        if (!atChunkBoundary()) {
            long declared = FRAMING_HEADER_SIZE + (headFill >= FRAMING_HEADER_SIZE ? packetLength : 0);
            failure = new StreamProtocolException(position, "the stream ends inside the "
                    + (headFill >= 2 ? kindOf(head[1] & 0xFF) + " chunk" : "chunk") + " that starts at byte "
                    + chunkStart + " (" + (position - chunkStart) + " of "
                    + (headFill >= FRAMING_HEADER_SIZE ? Long.toString(declared) : "at least 4") + " bytes)");
            throw failure;
        }
    }

    /** True when the bytes fed so far end exactly at a chunk boundary. */
    public boolean atChunkBoundary() {
        return headFill == 0;
    }

    /** Offset of the next byte to be fed. */
    public long position() {
        return position;
    }

    /** How many {@code $H}/{@code $D}/{@code $M} chunks had a PacketSize different from PacketLength. */
    public long lengthMismatches() {
        return lengthMismatches;
    }

    /** {@code "$H"} for PacketID 'H' and so on; unprintable IDs in hex. */
    static String kindOf(int packetId) {
        return packetId >= 0x21 && packetId < 0x7F ? "$" + (char) packetId : String.format("$<0x%02X>", packetId);
    }

    /** Consumes bytes of the current chunk; returns how many. */
    private int step(byte[] bytes, int at, int available, List<Chunk> out) throws StreamProtocolException {
        if (headFill < headNeeded) {
            int n = Math.min(available, headNeeded - headFill);
            System.arraycopy(bytes, at, head, headFill, n);
            headFill += n;
            position += n;
            if (headFill == headNeeded) {
                headComplete(out);
            }
            return n;
        }
        if (skipRemaining > 0) {
            int n = Math.min(available, skipRemaining);
            skipRemaining -= n;
            position += n;
            if (skipRemaining == 0) {
                emit(out);
            }
            return n;
        }
        int n = Math.min(available, body.length - bodyFill);
        System.arraycopy(bytes, at, body, bodyFill, n);
        bodyFill += n;
        position += n;
        if (bodyFill == body.length) {
            emit(out);
        }
        return n;
    }

    /** The framing header, or the framing header plus the data packet header or Reason, is in. */
    private void headComplete(List<Chunk> out) throws StreamProtocolException {
        if (headNeeded == FRAMING_HEADER_SIZE) {
            int frame = head[0] & 0xFF;
            int id = head[1] & 0xFF;
            if ((frame & 0x7F) != 0x24) {
                throw new StreamProtocolException(chunkStart, String.format(
                        "expected a chunk's frame byte '$' (0x24, or 0xA4), found 0x%02X", frame));
            }
            packetLength = u16(2);
            int minimum = minimumLength(id);
            if (packetLength < minimum) {
                throw new StreamProtocolException(chunkStart + 2, "PacketLength " + packetLength + " of a "
                        + kindOf(id) + " chunk is below " + minimum + ", the size of its "
                        + (minimum == DATA_HEADER_SIZE ? "MMS data packet header" : "Reason field"));
            }
            if (id == Chunk.HEADER || id == Chunk.DATA) {
                headNeeded = FRAMING_HEADER_SIZE + DATA_HEADER_SIZE;
            } else if (id == Chunk.END || id == Chunk.STREAM_CHANGE) {
                headNeeded = FRAMING_HEADER_SIZE + 4;
            } else {
                startBody(packetLength, out); // kept raw, $M's data packet header included
            }
            return;
        }
        if (headNeeded == FRAMING_HEADER_SIZE + DATA_HEADER_SIZE) {
            if (u16(10) != packetLength) {
                lengthMismatches++; // FFmpeg trusts PacketLength, VLC PacketSize; follow the spec and FFmpeg
            }
            startBody(packetLength - DATA_HEADER_SIZE, out);
        } else {
            // $E/$C: anything after the Reason (VLC's and FFmpeg's 12-byte $E) is skipped
            skipRemaining = packetLength - 4;
            if (skipRemaining == 0) {
                emit(out);
            }
        }
    }

    private void startBody(int length, List<Chunk> out) {
        body = new byte[length];
        bodyFill = 0;
        if (length == 0) {
            emit(out);
        }
    }

    private static int minimumLength(int id) {
        return switch (id) {
            case Chunk.HEADER, Chunk.DATA, Chunk.METADATA -> DATA_HEADER_SIZE;
            case Chunk.END, Chunk.STREAM_CHANGE -> 4;
            default -> 0;
        };
    }

    private void emit(List<Chunk> out) {
        int id = head[1] & 0xFF;
        out.add(switch (id) {
            case Chunk.HEADER -> new Chunk.Header(chunkStart, u32(4), head[8] & 0xFF, head[9] & 0xFF, body);
            case Chunk.DATA -> new Chunk.Data(chunkStart, u32(4), head[8] & 0xFF, head[9] & 0xFF, body);
            case Chunk.END -> new Chunk.End(chunkStart, u32(4));
            case Chunk.STREAM_CHANGE -> new Chunk.StreamChange(chunkStart, u32(4));
            default -> new Chunk.Other(chunkStart, id, body);
        });
        body = null;
        headFill = 0;
        headNeeded = FRAMING_HEADER_SIZE;
        chunkStart = position;
    }

    private int u16(int at) {
        return (head[at] & 0xFF) | (head[at + 1] & 0xFF) << 8;
    }

    private long u32(int at) {
        return (u16(at) | (long) u16(at + 2) << 16) & 0xFFFFFFFFL;
    }
}
