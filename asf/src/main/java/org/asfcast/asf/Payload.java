package org.asfcast.asf;

import java.util.Arrays;

/**
 * One payload of a data packet: a piece (or, for a compressed payload, the whole) of a media
 * object. The payload's bytes are a view into the packet's array, valid as long as that array is.
 */
public final class Payload {
    /** Object size or presentation time not carried (replicated data length 0). */
    public static final long UNKNOWN = -1;

    private final int streamNumber;
    private final boolean keyFrame;
    private final long mediaObjectNumber;
    private final long offset;
    private final long objectSize;
    private final long presentationTime;
    private final boolean compressed;
    private final byte[] packet;
    private final int headerStart;
    private final int replicatedStart;
    private final int replicatedLength;
    private final int dataStart;
    private final int dataLength;

    Payload(int streamNumber, boolean keyFrame, long mediaObjectNumber, long offset, long objectSize,
            long presentationTime, boolean compressed, byte[] packet, int headerStart, int replicatedStart,
            int replicatedLength, int dataStart, int dataLength) {
        this.streamNumber = streamNumber;
        this.keyFrame = keyFrame;
        this.mediaObjectNumber = mediaObjectNumber;
        this.offset = offset;
        this.objectSize = objectSize;
        this.presentationTime = presentationTime;
        this.compressed = compressed;
        this.packet = packet;
        this.headerStart = headerStart;
        this.replicatedStart = replicatedStart;
        this.replicatedLength = replicatedLength;
        this.dataStart = dataStart;
        this.dataLength = dataLength;
    }

    /**
     * Index in {@link #packetBytes()} of this payload's first header byte (stream number and
     * key-frame bit). The sub-payloads of one compressed payload share it.
     */
    public int headerOffset() {
        return headerStart;
    }

    /** Stream number, 1..127. */
    public int streamNumber() {
        return streamNumber;
    }

    /** The key-frame bit (bit 7 of the stream number byte). */
    public boolean keyFrame() {
        return keyFrame;
    }

    /** Media object number as carried (its width depends on the packet's property flags). */
    public long mediaObjectNumber() {
        return mediaObjectNumber;
    }

    /** Offset of these bytes inside the media object; 0 for a sub-payload of a compressed payload. */
    public long offset() {
        return offset;
    }

    /** Size of the whole media object, or {@link #UNKNOWN}. */
    public long objectSize() {
        return objectSize;
    }

    /** Presentation time in ms, offset by the preroll as on the wire, or {@link #UNKNOWN}. */
    public long presentationTime() {
        return presentationTime;
    }

    /** Whether this came from a compressed payload (then it holds one whole media object). */
    public boolean compressed() {
        return compressed;
    }

    /** Number of payload data bytes. */
    public int dataLength() {
        return dataLength;
    }

    /** Index of the first data byte in {@link #packetBytes()}. */
    public int dataOffset() {
        return dataStart;
    }

    /** The array of the packet this payload lives in (not a copy: do not modify). */
    public byte[] packetBytes() {
        return packet;
    }

    /** A copy of the payload data. */
    public byte[] data() {
        return Arrays.copyOfRange(packet, dataStart, dataStart + dataLength);
    }

    /** A copy of the replicated data (for a compressed payload, the one-byte time delta). */
    public byte[] replicatedData() {
        return Arrays.copyOfRange(packet, replicatedStart, replicatedStart + replicatedLength);
    }

    @Override
    public String toString() {
        return "Payload[stream " + streamNumber + (keyFrame ? " key" : "") + ", object " + mediaObjectNumber
                + ", offset " + offset + "/" + objectSize + ", pres " + presentationTime + " ms, " + dataLength
                + " bytes" + (compressed ? ", compressed" : "") + "]";
    }
}
