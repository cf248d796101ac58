package org.asfcast.netsink.wire;

/**
 * One packet of an MS-WMHTTP PushStart body ([MS-WMHTTP] §2.2.3): a 4-byte framing header
 * ({@code $} with the B bit clear, the type letter, the length of what follows as a little-endian
 * word) and its payload. Unlike MS-WMSP's {@code $D}, a pushed packet has no LocationId,
 * Incarnation or AFFlags block.
 */
public sealed interface PushFrame {

    /**
     * {@code $H}: the stream's header, sent once at the start of a push session.
     *
     * @param payload the Header Object followed by the 50-byte start of the Data Object (the
     *                array is the frame's own)
     */
    record Header(byte[] payload) implements PushFrame {
    }

    /**
     * {@code $D}: one ASF data packet, usually with its padding removed.
     *
     * @param packet the packet as sent (the array is the frame's own)
     */
    record Data(byte[] packet) implements PushFrame {
    }

    /**
     * {@code $C}: the stream changes; the payload carries the new header itself.
     *
     * @param header the new Header Object, possibly followed by a Data Object start
     */
    record Change(byte[] header) implements PushFrame {
    }

    /**
     * {@code $E}: the end of a playlist entry.
     *
     * @param reason 0 when the stream is finished, 1 when a {@code $C} follows
     */
    record End(long reason) implements PushFrame {
        /** The stream is finished: the session ends. */
        public static final long FINISHED = 0;
        /** A {@code $C} with a new header follows. */
        public static final long CHANGE_FOLLOWS = 1;
    }

    /**
     * {@code $F}: filler that pads a body to its Content-Length; ignored.
     *
     * @param length the filler bytes skipped
     */
    record Filler(int length) implements PushFrame {
    }
}
