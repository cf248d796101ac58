package org.asfcast.asf;

import java.io.ByteArrayOutputStream;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Rewrites data packets for a player that selected some of the streams (multiple bit rate): a
 * packet keeps only the payloads of the selected streams, byte for byte, and loses its padding, so
 * the player receives less than the packet size (MS-WMSP §3.2.5.6 asks for this filtering; the
 * padding is what the shorter packet saves). Error-correction data, property flags, sequence,
 * send time and duration are copied; the payload count is rewritten.
 *
 * <p>The form is the specification's (research form C): Padding Length absent, an explicit
 * Packet Length (WORD) giving the real size. Every player pads a short {@code $D} back to the
 * packet size with zeros; FFmpeg adds the difference to its padding, VLC, MPlayer and xine stop
 * after the announced payloads. The research measured form B (a grown Padding Length that is not
 * sent) identical in FFmpeg, VLC and MPlayer too; asfcast sends form C because it is the spec's
 * (the one a Windows Media Player is most likely to expect) and it played in all four players
 * tried here, xine included (MultipleBitRateInteropTest; docs/interop-notes.md).
 *
 * <p>A packet with nothing selected left becomes a placeholder rather than being dropped: VLC
 * turns its byte count back into a packet number (one per {@code $D}) when it resumes. The
 * placeholder carries one byte on a stream the header does not declare ({@code fillerStream}),
 * the form of the keep-alive packet that every player already skips; a payload count of 0 is
 * outside the format's 1..63 and asfcast's own parser rejects it. Pure and thread-safe.
 */
public final class SelectedPackets {

    private static final int PACKET_LENGTH_WORD = 2 << 5;

    private final Set<Integer> selected;
    private final int fillerStream;

    /**
     * @param selected     the stream numbers to keep
     * @param fillerStream a stream number the header does not declare, for placeholders (1..127)
     */
    public SelectedPackets(Set<Integer> selected, int fillerStream) {
        if (fillerStream < 1 || fillerStream > 127 || selected.contains(fillerStream)) {
            throw new IllegalArgumentException("the filler stream " + fillerStream
                    + " must be 1..127 and not a selected stream");
        }
        this.selected = Set.copyOf(selected);
        this.fillerStream = fillerStream;
    }

    /** The stream numbers kept. */
    public Set<Integer> selected() {
        return selected;
    }

    /**
     * The packet with only the selected streams' payloads (a compressed payload stays or goes
     * whole), without padding; a placeholder when none is left.
     *
     * @param packet exactly one packet
     * @param parsed {@code packet} parsed
     * @return a new array, shorter than the packet size unless the packet had no padding
     */
    public byte[] rewrite(byte[] packet, DataPacket parsed) {
        return keep(packet, parsed, p -> selected.contains(p.streamNumber()));
    }

    /**
     * As {@link #rewrite}, keeping the payloads {@code keep} accepts (a compressed payload is kept
     * whole when any of its sub-payloads is accepted): for a joiner's first packets, whose orphan
     * fragments go too.
     */
    public byte[] keep(byte[] packet, DataPacket parsed, Predicate<Payload> keep) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(packet.length);
        int count = 0;
        int lastStart = -1;
        int groupEnd = -1;
        boolean keepGroup = false;
        for (Payload p : parsed.payloads()) {
            if (p.headerOffset() == lastStart) {
                groupEnd = p.dataOffset() + p.dataLength(); // a further sub-payload of one compressed payload
                keepGroup |= keep.test(p);
                continue;
            }
            if (keepGroup) {
                kept.write(packet, lastStart, groupEnd - lastStart);
                count++;
            }
            lastStart = p.headerOffset();
            groupEnd = p.dataOffset() + p.dataLength();
            keepGroup = keep.test(p);
        }
        if (keepGroup) {
            kept.write(packet, lastStart, groupEnd - lastStart);
            count++;
        }
        if (count == 0) {
            return placeholder(packet, parsed);
        }
        int lengthType = parsed.multiplePayloads() ? packet[firstPayloadFlags(parsed)] >> 6 & 3 : 0;
        byte[] out = assemble(packet, parsed, parsed.multiplePayloads(), count | lengthType << 6, kept.toByteArray());
        int size = packetSize(packet, parsed);
        // A full packet without padding would grow by the Packet Length field: it goes as it is.
        return out.length <= size ? out : java.util.Arrays.copyOf(packet, size);
    }

    /** One byte on the filler stream, single payload, send time and duration of the packet replaced. */
    private byte[] placeholder(byte[] packet, DataPacket parsed) {
        // Stream byte, then no object number/offset/replicated fields with property flags 0: use the
        // packet's flags instead, so the fields' widths are those it declares (all zero here).
        int prop = parsed.propertyFlags();
        ByteWriter payload = new ByteWriter(16);
        payload.u8(fillerStream);
        putSized(payload, prop >> 4 & 3, 0);
        putSized(payload, prop >> 2 & 3, 0);
        int replicated = prop & 3;
        if (replicated == 0) {
            payload.u8(0);
        } else {
            // A replicated data length of 8: object size 1, presentation time = send time.
            putSized(payload, replicated, 8);
            payload.u32(1).u32(parsed.sendTime());
            payload.u8(0);
        }
        return assemble(packet, parsed, false, -1, payload.toByteArray());
    }

    private static void putSized(ByteWriter out, int type, long value) {
        switch (type) {
            case 1 -> out.u8((int) value);
            case 2 -> out.u16((int) value);
            case 3 -> out.u32(value);
            default -> { }
        }
    }

    /** The packet header (form C) then {@code body}; {@code payloadFlags} -1 for a single payload. */
    private static byte[] assemble(byte[] packet, DataPacket parsed, boolean multiple, int payloadFlags,
                                   byte[] body) {
        int ecLength = parsed.hasErrorCorrection() ? 1 + (parsed.errorCorrectionFlags() & 0x0F) : 0;
        int sequenceType = parsed.lengthTypeFlags() >> 1 & 3;
        ByteWriter out = new ByteWriter(packet.length);
        out.bytes(java.util.Arrays.copyOf(packet, ecLength));
        out.u8((multiple ? 1 : 0) | sequenceType << 1 | PACKET_LENGTH_WORD);
        out.u8(parsed.propertyFlags());
        int headerLength = ecLength + 2 + 2 + sizeOf(sequenceType) + 6 + (multiple ? 1 : 0);
        out.u16(headerLength + body.length);
        putSized(out, sequenceType, parsed.sequence());
        out.u32(parsed.sendTime()).u16(parsed.duration());
        if (multiple) {
            out.u8(payloadFlags);
        }
        out.bytes(body);
        return out.toByteArray();
    }

    private static int sizeOf(int type) {
        return type == 3 ? 4 : type;
    }

    /** The packet's size: its explicit length, else the array's (the caller passes exactly one packet). */
    private static int packetSize(byte[] packet, DataPacket parsed) {
        return parsed.packetLength() > 0 ? (int) parsed.packetLength() : packet.length;
    }

    /** Index of the Payload Flags byte: just before the first payload. */
    private static int firstPayloadFlags(DataPacket parsed) {
        return parsed.payloads().get(0).headerOffset() - 1;
    }
}
