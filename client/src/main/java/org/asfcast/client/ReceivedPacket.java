package org.asfcast.client;

import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.DataPacket;

/**
 * One ASF data packet as a player hands it to its demuxer: always the header's full packet size,
 * padded with zeros when the server sent it shorter.
 *
 * @param locationId   the {@code $D} LocationId (the server's packet count); in plain HTTP the
 *                     packet's index in the body
 * @param afFlags      the {@code $D} AFFlags byte; 0 in plain HTTP
 * @param sentLength   bytes the server sent before padding
 * @param bytes        the packet, exactly the header's packet size
 */
public record ReceivedPacket(long locationId, int afFlags, int sentLength, byte[] bytes) {

    /** True when the client added padding. */
    public boolean padded() {
        return sentLength < bytes.length;
    }

    /** Parses the packet with the asf module. */
    public DataPacket parse() throws AsfFormatException {
        return DataPacket.parse(bytes);
    }
}
