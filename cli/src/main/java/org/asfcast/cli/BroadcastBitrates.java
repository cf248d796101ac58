package org.asfcast.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.BitrateObjects;
import org.asfcast.asf.ExtendedStreamProperties;
import org.asfcast.asf.StreamProperties;

/**
 * A broadcast's header with Stream Bitrate Properties and Bitrate Mutual Exclusion added
 * ({@code bitrate-objects: true}), so players choose among its streams by bit rate. A live header
 * comes before its data, so each stream's rate is what is known then: measured from the file a
 * file source replays, else the header's own (Extended Stream Properties, an audio format's average
 * rate), else an even share of what File Properties' maximum bit rate leaves over. Pure.
 */
final class BroadcastBitrates {

    private BroadcastBitrates() {
    }

    /**
     * {@code header} (a Header Object, perhaps followed by the Data Object header, as a source
     * hands it to its sinks) with the objects added; the same bytes when nothing is missing.
     *
     * @param measured bits per second by stream number, measured from the data (empty when unknown)
     * @throws IllegalArgumentException when the header is not valid ASF, or a stream's rate cannot be told
     */
    static ByteBuffer added(ByteBuffer header, Map<Integer, Long> measured) {
        byte[] bytes = new byte[header.remaining()];
        header.duplicate().get(bytes);
        if (bytes.length < AsfHeader.FIXED_SIZE) {
            throw new IllegalArgumentException("the header has only " + bytes.length + " bytes");
        }
        long size = ByteBuffer.wrap(bytes, 16, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (size < AsfHeader.FIXED_SIZE || size > bytes.length) {
            throw new IllegalArgumentException("the header declares " + size + " bytes but " + bytes.length + " were given");
        }
        AsfHeader parsed;
        try {
            parsed = AsfHeader.parse(Arrays.copyOf(bytes, (int) size));
        } catch (AsfFormatException e) {
            throw new IllegalArgumentException("the header is not valid ASF: " + e.getMessage(), e);
        }
        AsfHeader described = BitrateObjects.added(parsed, rates(parsed, measured));
        if (described == parsed) {
            return header;
        }
        byte[] out = described.toBytes();
        byte[] whole = Arrays.copyOf(out, out.length + bytes.length - (int) size);
        System.arraycopy(bytes, (int) size, whole, out.length, bytes.length - (int) size);
        return ByteBuffer.wrap(whole);
    }

    /** Each stream's rate: measured, else declared, else a share of what the header's maximum leaves. */
    static Map<Integer, Long> rates(AsfHeader header, Map<Integer, Long> measured) {
        Map<Integer, Long> rates = new HashMap<>();
        long known = 0;
        List<Integer> unknown = new java.util.ArrayList<>();
        for (StreamProperties stream : header.streams()) {
            int n = stream.streamNumber();
            long rate = measured.getOrDefault(n, 0L);
            if (rate <= 0) {
                rate = declared(header, stream);
            }
            if (rate > 0) {
                rates.put(n, rate);
                known += rate;
            } else {
                unknown.add(n);
            }
        }
        long left = header.fileProperties().maxBitrate() - known;
        if (!unknown.isEmpty() && left > 0) {
            for (int n : unknown) {
                rates.put(n, Math.max(1, left / unknown.size()));
            }
        }
        return rates;
    }

    private static long declared(AsfHeader header, StreamProperties stream) {
        long esp = header.extendedStreamProperties().stream().filter(e -> e.streamNumber() == stream.streamNumber())
                .mapToLong(ExtendedStreamProperties::dataBitrate).max().orElse(0);
        return esp > 0 ? esp : stream.audioFormat().map(w -> w.avgBytesPerSec() * 8).orElse(0L);
    }
}
