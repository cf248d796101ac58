package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.DataPacket;
import org.asfcast.netsink.wire.ChunkFramer;

/**
 * A ring's {@code $D} chunk read back as an ASF packet, for the code that rewrites a packet for
 * some players (a joiner's first packets, a stream selection's copies): the packet's own bytes and
 * their parse, made once and shared by every rewrite of that packet.
 *
 * @param bytes  the packet, without the chunk header
 * @param parsed {@code bytes} parsed
 */
record FramedPacket(byte[] bytes, DataPacket parsed) {

    /**
     * Copies the packet out of {@code framed} (only read: the caller keeps its reference) and parses it.
     *
     * @throws AsfFormatException when it does not parse (the point parsed every packet before the ring)
     */
    static FramedPacket of(ByteBuf framed) throws AsfFormatException {
        int start = framed.readerIndex() + ChunkFramer.CHUNK_HEADER_LENGTH;
        byte[] packet = new byte[framed.writerIndex() - start];
        framed.getBytes(start, packet);
        return new FramedPacket(packet, DataPacket.parse(packet));
    }
}
