package org.asfcast.netsink.wire;

/**
 * Where an on-demand Play asks to start, by the precedence of [MS-WMSP] §3.2.5.6: a
 * {@code stream-time} other than 0 and 4294967295, else a {@code packet-num} other than 4294967295,
 * else a {@code stream-offset} other than all ones, else the beginning. Each client uses one form
 * (research on-demand-mbr-push.md §2.2): FFmpeg a time (media milliseconds, preroll excluded),
 * VLC an offset ({@code stream-time=0,stream-offset=0:361600}, counted from the first data packet),
 * MPlayer {@code stream-offset=0:0}, WMP the unspecified values. Pure.
 */
public sealed interface StartPosition {

    /** The value that means "unspecified" in {@code stream-time} and {@code packet-num}. */
    long UNSPECIFIED = 0xFFFF_FFFFL;

    /** From the first packet. */
    record Beginning() implements StartPosition {
    }

    /** From this media time, milliseconds without the preroll. */
    record AtTime(long millis) implements StartPosition {
    }

    /** From this packet number. */
    record AtPacket(long packet) implements StartPosition {
    }

    /** From this byte offset, counted from the first data packet. */
    record AtOffset(long offset) implements StartPosition {
    }

    /**
     * The start a Play request asks for.
     *
     * @param pragmas the request's Pragma tokens
     * @return the position; {@link Beginning} when nothing usable is given
     */
    static StartPosition of(Pragmas pragmas) {
        long time = pragmas.streamTime().orElse(0);
        if (time != 0 && time != UNSPECIFIED) {
            return new AtTime(time);
        }
        long packet = pragmas.packetNumber().orElse(UNSPECIFIED);
        if (packet != UNSPECIFIED) {
            return new AtPacket(packet);
        }
        long offset = pragmas.streamOffset().orElse(-1);
        if (offset > 0) {
            return new AtOffset(offset);
        }
        return new Beginning(); // 0:0, all ones, or a value past 2^63 that no file has
    }
}
