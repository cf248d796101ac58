package org.asfcast.client;

/**
 * One MS-WMSP chunk of a framed response body ([MS-WMSP] §2.2.3), as {@link ChunkDecoder}
 * yields it. Byte arrays are handed over, not copied: the decoder never touches them again.
 */
public sealed interface Chunk {
    /** PacketID of the ASF header chunk, {@code $H}. */
    int HEADER = 'H';
    /** PacketID of the data chunk, {@code $D}. */
    int DATA = 'D';
    /** PacketID of the end-of-stream chunk, {@code $E}. */
    int END = 'E';
    /** PacketID of the stream-change chunk, {@code $C}. */
    int STREAM_CHANGE = 'C';
    /** PacketID of the metadata chunk, {@code $M} (sent by Cougar 9+ servers only). */
    int METADATA = 'M';

    /** Byte offset of the chunk's first byte in the decoded stream. */
    long offset();

    /** The chunk kind as players log it: {@code "$H"}, {@code "$D"}, … */
    String kind();

    /**
     * {@code $H}: a piece of the ASF header (normally all of it: Header Object + 50-byte Data
     * Object header).
     *
     * @param offset      byte offset of the chunk in the stream
     * @param locationId  LocationId: 0 for the first fragment per the spec; VLC writes its running sequence
     * @param incarnation the Incarnation byte
     * @param afFlags     AFFlags: 0x0C for a single, complete header in every known server
     * @param payload     the header bytes
     */
    record Header(long offset, long locationId, int incarnation, int afFlags, byte[] payload) implements Chunk {
        @Override
        public String kind() {
            return "$H";
        }
    }

    /**
     * {@code $D}: one ASF data packet, possibly with its padding stripped.
     *
     * @param offset      byte offset of the chunk in the stream
     * @param locationId  LocationId: the packet's number in the broadcast (a running count)
     * @param incarnation the Incarnation byte
     * @param afFlags     AFFlags: 0 from VLC and FFmpeg, a per-packet counter from WMS
     * @param payload     the packet bytes as sent
     */
    record Data(long offset, long locationId, int incarnation, int afFlags, byte[] payload) implements Chunk {
        @Override
        public String kind() {
            return "$D";
        }
    }

    /**
     * {@code $E}: the server ends the stream.
     *
     * @param offset byte offset of the chunk in the stream
     * @param reason the Reason HRESULT: 0 = done, 1 = more to come after a {@code $C}; VLC's and
     *               FFmpeg's muxers put their sequence number here instead
     */
    record End(long offset, long reason) implements Chunk {
        @Override
        public String kind() {
            return "$E";
        }
    }

    /**
     * {@code $C}: the server switched to another stream; a new {@code $H} follows.
     *
     * @param offset byte offset of the chunk in the stream
     * @param reason the Reason HRESULT
     */
    record StreamChange(long offset, long reason) implements Chunk {
        @Override
        public String kind() {
            return "$C";
        }
    }

    /**
     * Any other chunk ({@code $M}, {@code $P}, {@code $T} or an unknown PacketID), kept raw.
     *
     * @param offset   byte offset of the chunk in the stream
     * @param packetId the PacketID byte
     * @param body     the PacketLength bytes after the framing header
     */
    record Other(long offset, int packetId, byte[] body) implements Chunk {
        @Override
        public String kind() {
            return ChunkDecoder.kindOf(packetId);
        }
    }
}
