package org.asfcast.asf;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed ASF data packet (ASF spec §5.2). Parsing accepts every variant the specification
 * allows: with or without error-correction data, every length type for packet length, sequence
 * and padding, single and multiple payloads, replicated data, and compressed payloads (which are
 * expanded into one {@link Payload} per sub-payload).
 *
 * @see DataPacketWriter for writing packets in the live profile
 */
public final class DataPacket {
    /** FFmpeg refuses media objects this large or larger; so does asfcast. */
    public static final long MAX_OBJECT_SIZE = 1 << 24;

    private final int errorCorrectionFlags;
    private final int lengthTypeFlags;
    private final int propertyFlags;
    private final long packetLength;
    private final long sequence;
    private final long paddingLength;
    private final long sendTime;
    private final int sendTimeIndex;
    private final int duration;
    private final List<Payload> payloads;

    private DataPacket(int errorCorrectionFlags, int lengthTypeFlags, int propertyFlags, long packetLength,
                       long sequence, long paddingLength, long sendTime, int sendTimeIndex, int duration,
                       List<Payload> payloads) {
        this.sendTimeIndex = sendTimeIndex;
        this.errorCorrectionFlags = errorCorrectionFlags;
        this.lengthTypeFlags = lengthTypeFlags;
        this.propertyFlags = propertyFlags;
        this.packetLength = packetLength;
        this.sequence = sequence;
        this.paddingLength = paddingLength;
        this.sendTime = sendTime;
        this.duration = duration;
        this.payloads = payloads;
    }

    /** Parses a whole packet held in {@code bytes}. */
    public static DataPacket parse(byte[] bytes) throws AsfFormatException {
        return parse(bytes, 0, bytes.length, 0);
    }

    /**
     * Parses the packet of {@code packetSize} bytes at {@code bytes[offset]}.
     *
     * @param inputOffset the absolute input offset of {@code bytes[offset]}, for error messages
     * @throws AsfFormatException if any field is inconsistent with the packet
     */
    public static DataPacket parse(byte[] bytes, int offset, int packetSize, long inputOffset)
            throws AsfFormatException {
        if (offset < 0 || packetSize < 0 || offset + packetSize > bytes.length) {
            throw new IllegalArgumentException("packet window outside the array");
        }
        ByteReader in = new ByteReader(bytes, offset, offset + packetSize, inputOffset);
        int first = in.u8("error correction flags");
        int ecFlags = -1;
        int ltf = first;
        if ((first & 0x80) != 0) {
            ecFlags = first;
            if ((first & 0x60) != 0) {
                throw new AsfFormatException(inputOffset, String.format(
                        "error correction length type in flags 0x%02X is reserved", first));
            }
            in.skip(first & 0x0F, "error correction data");
            ltf = in.u8("length type flags");
        }
        int prop = in.u8("property flags");
        long packetLength = in.sized(ltf >> 5 & 3, "packet length");
        long sequence = in.sized(ltf >> 1 & 3, "sequence");
        long padding = in.sized(ltf >> 3 & 3, "padding length");
        int sendTimeIndex = in.position() - offset;
        long sendTime = in.u32("send time");
        int duration = in.u16("duration");
        long used = in.position() - offset;
        long end = packetSize;
        if ((ltf >> 5 & 3) != 0) {
            if (packetLength > packetSize || packetLength < used) {
                throw new AsfFormatException(inputOffset, "packet length " + packetLength + " is outside "
                        + used + ".." + packetSize);
            }
            end = packetLength; // readers treat the rest up to the packet size as padding
        }
        end -= padding;
        if (end < used) {
            throw new AsfFormatException(inputOffset, "padding length " + padding
                    + " leaves no room for the " + used + "-byte packet header");
        }
        ByteReader body = new ByteReader(bytes, in.position(), offset + (int) end, in.offset());
        List<Payload> payloads = new ArrayList<>(4);
        if ((ltf & 1) != 0) {
            int flags = body.u8("payload flags");
            int count = flags & 0x3F;
            int lengthType = flags >> 6;
            if (count == 0 || lengthType == 0) {
                throw new AsfFormatException(body.offset() - 1, String.format(
                        "payload flags 0x%02X give %d payloads of length type %d", flags, count, lengthType));
            }
            for (int i = 0; i < count; i++) {
                readPayload(body, prop, lengthType, payloads);
            }
        } else {
            readPayload(body, prop, -1, payloads);
        }
        return new DataPacket(ecFlags, ltf, prop, packetLength, sequence, padding, sendTime, sendTimeIndex, duration,
                List.copyOf(payloads));
    }

    /** Reads one payload; {@code lengthType} -1 means "the rest of the packet" (single payload). */
    private static void readPayload(ByteReader in, int prop, int lengthType, List<Payload> out)
            throws AsfFormatException {
        long at = in.offset();
        int headerStart = in.position();
        int streamByte = in.u8("stream number");
        int stream = streamByte & 0x7F;
        boolean key = (streamByte & 0x80) != 0;
        if (stream == 0) {
            throw new AsfFormatException(at, "payload stream number 0 is invalid");
        }
        long objectNumber = in.sized(prop >> 4 & 3, "media object number");
        long offsetField = in.sized(prop >> 2 & 3, "offset into media object");
        long replicatedLength = in.sized(prop & 3, "replicated data length");
        int replicatedStart = in.position();
        long objectSize = Payload.UNKNOWN;
        long presentation = Payload.UNKNOWN;
        int delta = 0;
        if (replicatedLength == 1) {
            delta = in.u8("presentation time delta");
        } else if (replicatedLength >= 8) {
            objectSize = in.u32("media object size");
            presentation = in.u32("presentation time");
            in.skip(replicatedLength - 8, "replicated data");
        } else if (replicatedLength != 0) {
            throw new AsfFormatException(at, "replicated data length " + replicatedLength
                    + " is invalid (0, 1 or at least 8)");
        }
        long length = lengthType < 0 ? in.remaining() : in.sized(lengthType, "payload length");
        if (length > in.remaining()) {
            throw new AsfFormatException(at, "payload length " + length + " runs past the packet ("
                    + in.remaining() + " bytes left)");
        }
        if (replicatedLength == 1) {
            readSubPayloads(in.slice(length, "compressed payload"), stream, key, objectNumber, offsetField, delta,
                    headerStart, replicatedStart, out);
            return;
        }
        if (objectSize != Payload.UNKNOWN) {
            if (objectSize == 0 || objectSize >= MAX_OBJECT_SIZE) {
                throw new AsfFormatException(at, "media object size " + objectSize + " is outside 1.."
                        + (MAX_OBJECT_SIZE - 1));
            }
            if (offsetField + length > objectSize) {
                throw new AsfFormatException(at, "payload of " + length + " bytes at offset " + offsetField
                        + " overflows the media object size " + objectSize);
            }
        }
        int dataStart = in.position();
        in.skip(length, "payload data");
        out.add(new Payload(stream, key, objectNumber, offsetField, objectSize, presentation, false, in.array(),
                headerStart, replicatedStart, (int) replicatedLength, dataStart, (int) length));
    }

    private static void readSubPayloads(ByteReader in, int stream, boolean key, long baseObject, long baseTime,
                                        int delta, int headerStart, int replicatedStart, List<Payload> out)
            throws AsfFormatException {
        int index = 0;
        while (in.remaining() > 0) {
            long at = in.offset();
            int length = in.u8("sub-payload length");
            if (length == 0) {
                throw new AsfFormatException(at, "compressed payload holds an empty sub-payload");
            }
            int dataStart = in.position();
            in.skip(length, "sub-payload data");
            out.add(new Payload(stream, key, baseObject + index, 0, length, baseTime + (long) index * delta, true,
                    in.array(), headerStart, replicatedStart, 1, dataStart, length));
            index++;
        }
    }

    /** Index of the 32-bit send time field, from the packet's first byte. */
    int sendTimeIndex() {
        return sendTimeIndex;
    }

    /** Whether error-correction data was present. */
    public boolean hasErrorCorrection() {
        return errorCorrectionFlags >= 0;
    }

    /** The error correction flags byte, or -1 when absent. */
    public int errorCorrectionFlags() {
        return errorCorrectionFlags;
    }

    /** The Length Type Flags byte. */
    public int lengthTypeFlags() {
        return lengthTypeFlags;
    }

    /** The Property Flags byte. */
    public int propertyFlags() {
        return propertyFlags;
    }

    /** The explicit packet length, or 0 when the packet length field is absent. */
    public long packetLength() {
        return packetLength;
    }

    /** The sequence field (ignored by every reader), 0 when absent. */
    public long sequence() {
        return sequence;
    }

    /** The padding length field, 0 when absent. */
    public long paddingLength() {
        return paddingLength;
    }

    /** Send time in ms. */
    public long sendTime() {
        return sendTime;
    }

    /** Duration in ms. */
    public int duration() {
        return duration;
    }

    /** Whether the Multiple Payloads Present flag is set. */
    public boolean multiplePayloads() {
        return (lengthTypeFlags & 1) != 0;
    }

    /** The payloads in packet order (a compressed payload contributes one per sub-payload). */
    public List<Payload> payloads() {
        return payloads;
    }

    @Override
    public String toString() {
        return "DataPacket[send " + sendTime + " ms, " + payloads.size() + " payloads, padding " + paddingLength
                + "]";
    }
}
