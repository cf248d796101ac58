package org.asfcast.asf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Removes payloads from a data packet while keeping its size: the kept payloads' bytes are copied
 * unchanged, the packet header is rewritten with a WORD padding length, and the freed bytes become
 * padding. The network sink uses it for a joining client's own copies of its first packets, to cut
 * what that client cannot decode (the tail of an object whose start it missed).
 *
 * <p>Hiding a payload by giving it an undeclared stream number is not an option: VLC skips such a
 * payload without reading its length, and loses its place in the packet.
 */
public final class PayloadFilter {

    private PayloadFilter() {
    }

    /**
     * The packet with only the payloads {@code keep} accepts (the sub-payloads of one compressed
     * payload stay or go together: kept if any is accepted).
     *
     * @param packet a whole packet: the array is exactly one packet
     * @param parsed {@code packet} parsed
     * @return the same array when every payload is kept, a new packet of the same size when some
     *         are, or empty when none is left (the packet is better not sent at all)
     */
    public static Optional<byte[]> keep(byte[] packet, DataPacket parsed, Predicate<Payload> keep) {
        List<int[]> ranges = new ArrayList<>(); // [start, end) of each payload (compressed: the whole group)
        List<Boolean> kept = new ArrayList<>();
        for (Payload p : parsed.payloads()) {
            int start = p.headerOffset();
            int end = p.dataOffset() + p.dataLength();
            boolean k = keep.test(p);
            int last = ranges.size() - 1;
            if (last >= 0 && ranges.get(last)[0] == start) {
                ranges.get(last)[1] = end;
                kept.set(last, kept.get(last) || k);
            } else {
                ranges.add(new int[] {start, end});
                kept.add(k);
            }
        }
        if (!kept.contains(false)) {
            return Optional.of(packet);
        }
        if (!kept.contains(true)) {
            return Optional.empty();
        }
        // Only packets with several payloads get here: a single payload is either kept or not.
        int flagsAt = ranges.get(0)[0] - 1;
        int lengthType = (packet[flagsAt] & 0xFF) >> 6;
        int ecLength = parsed.hasErrorCorrection() ? 1 + (parsed.errorCorrectionFlags() & 0x0F) : 0;
        byte[] out = new byte[packet.length];
        System.arraycopy(packet, 0, out, 0, ecLength);
        int pos = ecLength;
        out[pos++] = (byte) (0x01 | 2 << 3); // multiple payloads, WORD padding, no length, no sequence
        out[pos++] = (byte) parsed.propertyFlags();
        int paddingAt = pos;
        pos += 2;
        LittleEndian.put32(out, pos, parsed.sendTime());
        pos += 4;
        LittleEndian.put16(out, pos, parsed.duration());
        pos += 2;
        int countAt = pos++;
        int count = 0;
        for (int i = 0; i < ranges.size(); i++) {
            if (kept.get(i)) {
                int[] r = ranges.get(i);
                System.arraycopy(packet, r[0], out, pos, r[1] - r[0]);
                pos += r[1] - r[0];
                count++;
            }
        }
        out[countAt] = (byte) (count | lengthType << 6);
        LittleEndian.put16(out, paddingAt, packet.length - pos);
        return Optional.of(out);
    }
}
