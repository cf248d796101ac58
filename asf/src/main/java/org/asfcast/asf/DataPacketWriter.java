package org.asfcast.asf;

/**
 * Builds data packets in asfcast's live profile, the layout FFmpeg, VLC and MPlayer all accept:
 * {@code 82 00 00} error correction, Length Type Flags {@code 0x11} (multiple payloads, WORD
 * padding), Property Flags {@code 0x5D}, and payloads with a 17-byte header (8 bytes of
 * replicated data: object size and presentation time; WORD payload length). Every packet is
 * exactly the packet size, zero-padded.
 */
public final class DataPacketWriter {
    /** Bytes of the packet header: EC (3), flags (2), padding (2), send time (4), duration (2), payload flags (1). */
    public static final int PACKET_HEADER = 14;
    /** Bytes of each payload header. */
    public static final int PAYLOAD_HEADER = 17;
    /** Most payloads one packet can carry (six bits of payload count). */
    public static final int MAX_PAYLOADS = 63;
    /** Smallest packet size accepted (FFmpeg's lower bound). */
    public static final int MIN_PACKET_SIZE = 100;
    /** Largest packet size accepted. */
    public static final int MAX_PACKET_SIZE = 65536;

    private final int packetSize;
    private final boolean reuseArray;
    private byte[] packet;
    private int used;
    private int count;
    private long minPresentation;

    /** A writer of packets of {@code packetSize} bytes. */
    public DataPacketWriter(int packetSize) {
        this(packetSize, false);
    }

    /**
     * A writer of packets of {@code packetSize} bytes that, if {@code reuseArray}, returns the same
     * array from every {@link #finish}: valid only until the next {@link #add}, but nothing to
     * allocate and zero per packet.
     */
    public DataPacketWriter(int packetSize, boolean reuseArray) {
        if (packetSize < MIN_PACKET_SIZE || packetSize > MAX_PACKET_SIZE) {
            throw new IllegalArgumentException("packet size " + packetSize + " is outside " + MIN_PACKET_SIZE + ".."
                    + MAX_PACKET_SIZE);
        }
        this.packetSize = packetSize;
        this.reuseArray = reuseArray;
        reset();
    }

    private void reset() {
        if (!reuseArray || packet == null) {
            packet = new byte[packetSize];
        }
        used = PACKET_HEADER;
        count = 0;
        minPresentation = Long.MAX_VALUE;
    }

    /** The packet size. */
    public int packetSize() {
        return packetSize;
    }

    /** Bytes of payload data the next payload can carry in this packet (0 when none fits). */
    public int room() {
        return count == MAX_PAYLOADS ? 0 : Math.max(0, Math.min(0xFFFF, packetSize - used - PAYLOAD_HEADER));
    }

    /** Bytes of payload data one payload can carry in an empty packet. */
    public int emptyRoom() {
        return Math.min(0xFFFF, packetSize - PACKET_HEADER - PAYLOAD_HEADER);
    }

    /** Number of payloads in the packet being built. */
    public int payloadCount() {
        return count;
    }

    /** Whether the packet being built holds no payload. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** The smallest presentation time among the payloads added so far ({@code Long.MAX_VALUE} if none). */
    public long minPresentationTime() {
        return minPresentation;
    }

    /**
     * Appends a payload.
     *
     * @param streamNumber     1..127
     * @param keyFrame         the key-frame bit
     * @param objectNumber     media object number (written mod 256)
     * @param offset           offset of {@code data[from]} inside the media object
     * @param objectSize       size of the whole media object
     * @param presentationTime ms, offset by the preroll
     * @throws IllegalArgumentException if it does not fit ({@code length > room()})
     */
    public void add(int streamNumber, boolean keyFrame, int objectNumber, long offset, long objectSize,
                    long presentationTime, byte[] data, int from, int length) {
        if (length <= 0 || length > room()) {
            throw new IllegalArgumentException("payload of " + length + " bytes does not fit in " + room());
        }
        int i = used;
        packet[i] = (byte) (streamNumber | (keyFrame ? 0x80 : 0));
        packet[i + 1] = (byte) objectNumber;
        LittleEndian.put32(packet, i + 2, offset);
        packet[i + 6] = 8;
        LittleEndian.put32(packet, i + 7, objectSize);
        LittleEndian.put32(packet, i + 11, presentationTime);
        LittleEndian.put16(packet, i + 15, length);
        System.arraycopy(data, from, packet, i + PAYLOAD_HEADER, length);
        used = i + PAYLOAD_HEADER + length;
        count++;
        minPresentation = Math.min(minPresentation, presentationTime);
    }

    /** Completes the packet with its send time and padding, returns it and starts a new one. */
    public byte[] finish(long sendTime, int duration) {
        if (count == 0) {
            throw new IllegalStateException("a packet needs at least one payload");
        }
        byte[] done = packet;
        done[0] = (byte) 0x82;
        done[3] = 0x11;
        done[4] = 0x5D;
        LittleEndian.put16(done, 5, packetSize - used);
        LittleEndian.put32(done, 7, sendTime);
        LittleEndian.put16(done, 11, duration);
        done[13] = (byte) (0x80 | count);
        if (reuseArray) {
            java.util.Arrays.fill(done, used, packetSize, (byte) 0); // the padding still holds an older packet
        }
        reset();
        return done;
    }
}
