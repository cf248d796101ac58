package org.asfcast.netsink;

import java.util.Set;
import org.asfcast.asf.DataPacketWriter;

/**
 * The data packet a silent broadcast sends to keep players connected: a packet of the header's
 * size whose one payload is a single byte on a stream number the header does not declare, so every
 * player's demuxer skips it and no decoder sees it. Its send time is that of the last packet, so it
 * moves no player's clock and no client's lag. Pure.
 *
 * <p>Why a payload at all: the ASF packet layout has no payload-less form that every reader
 * accepts (a payload count of 0 is outside the format's 1..63, and asfcast's own parser, used by
 * {@code record}, rejects it); a payload on an undeclared stream is valid ASF that FFmpeg, VLC
 * and MPlayer skip.
 */
final class KeepAlivePacket {

    private static final byte[] ONE_BYTE = {0};

    private KeepAlivePacket() {
    }

    /**
     * The filler packet.
     *
     * @param packetSize the header's packet size
     * @param sendTime   the send time (ms) of the last packet of the broadcast
     * @param streams    the stream numbers the header declares
     * @throws IllegalArgumentException when the header declares every stream number 1..127
     */
    static byte[] of(int packetSize, long sendTime, Set<Integer> streams) {
        DataPacketWriter writer = new DataPacketWriter(packetSize);
        writer.add(unusedStream(streams), false, 0, 0, ONE_BYTE.length, sendTime, ONE_BYTE, 0, ONE_BYTE.length);
        return writer.finish(sendTime, 0);
    }

    /** The highest stream number the header leaves free (headers number their streams from 1). */
    static int unusedStream(Set<Integer> streams) {
        for (int n = 127; n >= 1; n--) {
            if (!streams.contains(n)) {
                return n;
            }
        }
        throw new IllegalArgumentException("the header declares every stream number 1..127");
    }
}
