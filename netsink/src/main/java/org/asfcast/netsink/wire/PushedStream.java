package org.asfcast.netsink.wire;

import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfGuids;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.DataObjectHeader;
import org.asfcast.asf.Guid;
import org.asfcast.asf.LittleEndian;

/**
 * Turns a push session's frames into the ASF byte stream they stand for, the stream an ASF pipe
 * would carry: each header ({@code $H}, or {@code $C}'s new one) as the Header Object and a live
 * Data Object start (size 50, so readers read on until the next header), each {@code $D} packet
 * padded back to the header's packet size; {@code $E} and {@code $F} add nothing. One per push
 * session: it spans the session's PushStart requests (a re-POST continues where the last one
 * stopped, with {@code $D}). Pure.
 */
public final class PushedStream {

    private static final byte[] NOTHING = new byte[0];

    private int packetSize; // 0 before the first header
    private byte[] header = NOTHING; // the last header's ASF bytes
    private boolean finished;

    /**
     * The ASF bytes {@code frame} adds to the stream (none for {@code $E} and {@code $F}).
     *
     * @param offset where the frame was in its body, for messages
     * @throws PushFormatException when the frame does not fit the stream so far or is not ASF
     */
    public byte[] asf(PushFrame frame, long offset) throws PushFormatException {
        if (finished) {
            throw new PushFormatException(offset, "a packet came after the $E that finished the stream");
        }
        if (frame instanceof PushFrame.Header h) {
            return header(h.payload(), offset);
        } else if (frame instanceof PushFrame.Change c) {
            return header(c.header(), offset);
        } else if (frame instanceof PushFrame.Data d) {
            if (packetSize == 0) {
                throw new PushFormatException(offset, "a $D packet came before any header ($H)");
            }
            return PushedPacket.padded(d.packet(), packetSize, offset);
        } else if (frame instanceof PushFrame.End e) {
            if (e.reason() == PushFrame.End.FINISHED) {
                finished = true;
            } else if (e.reason() != PushFrame.End.CHANGE_FOLLOWS) {
                throw new PushFormatException(offset, "$E gives the reason " + e.reason() + "; only 0 (finished) and 1"
                        + " (a new header follows) are defined");
            }
        }
        return NOTHING;
    }

    /** Whether a {@code $E} finished the stream: the session is over. */
    public boolean finished() {
        return finished;
    }

    /**
     * The ASF bytes of the last header (the Header Object and its Data Object start), for a reader
     * that must start again in the middle of the session; empty before the first.
     */
    public byte[] header() {
        return header.clone();
    }

    /** Whether a header has come: the stream has started. */
    public boolean started() {
        return packetSize != 0;
    }

    private byte[] header(byte[] payload, long offset) throws PushFormatException {
        long size = payload.length >= 24 ? LittleEndian.u64(payload, 16) : -1;
        if (payload.length < 24 || !Guid.read(payload, 0).equals(AsfGuids.HEADER) || size > payload.length) {
            throw new PushFormatException(offset, "the header packet does not carry an ASF Header Object"
                    + (size > payload.length ? " (it claims " + size + " bytes, " + payload.length + " came)" : ""));
        }
        byte[] object = java.util.Arrays.copyOf(payload, (int) size);
        AsfHeader parsed;
        try {
            parsed = AsfHeader.parse(object);
        } catch (AsfFormatException e) {
            throw new PushFormatException(offset, "the pushed header is not a usable ASF header (" + e.problem() + ")");
        }
        if (parsed.fileProperties().minPacketSize() != parsed.fileProperties().maxPacketSize()) {
            throw new PushFormatException(offset, "the pushed header's packets are not all of one size (min "
                    + parsed.fileProperties().minPacketSize() + ", max " + parsed.fileProperties().maxPacketSize() + ")");
        }
        Guid fileId = parsed.fileProperties().fileId();
        if (payload.length - size >= DataObjectHeader.SIZE && Guid.read(payload, (int) size).equals(AsfGuids.DATA)) {
            try {
                fileId = DataObjectHeader.parse(payload, (int) size, offset + size).fileId();
            } catch (AsfFormatException e) {
                throw new PushFormatException(offset, "the Data Object start after the header is not usable ("
                        + e.problem() + ")");
            }
        }
        packetSize = parsed.packetSize();
        byte[] data = DataObjectHeader.live(fileId).toBytes(); // live: read until the next header
        byte[] out = java.util.Arrays.copyOf(object, object.length + data.length);
        System.arraycopy(data, 0, out, object.length, data.length);
        this.header = out;
        return out.clone();
    }

}
