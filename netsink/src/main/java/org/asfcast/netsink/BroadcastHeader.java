package org.asfcast.netsink;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.LiveProfile;
import org.asfcast.asf.StreamProperties;
import org.asfcast.netsink.wire.ChunkFramer;

/**
 * The header of the current broadcast, in the forms clients need: the live stream start (header
 * in the live profile plus the 50-byte Data Object header, what plain-HTTP clients get) and the
 * same bytes framed as one {@code $H} chunk (what Describe and Play get, byte-identical).
 *
 * @param streamStart  the live header and Data Object header
 * @param headerChunk  {@code streamStart} framed as {@code $H}
 * @param packetSize   the fixed data packet size
 * @param streams      the stream numbers the header declares
 * @param videoStreams the stream numbers of video streams (where key frames matter)
 * @param bitsPerSecond the broadcast's bit rate, packets included (File Properties' maximum bit rate)
 * @param prerollMillis the header's preroll: how far ahead, by send time, a player reads before it plays
 *                      (at most {@link #MAX_PREROLL_MILLIS})
 * @param generation   counts the distinct headers this sink has had
 * @param descriptions each stream's number, type and bit rate, for the operator
 */
record BroadcastHeader(byte[] streamStart, byte[] headerChunk, int packetSize, Set<Integer> streams,
                       Set<Integer> videoStreams, long bitsPerSecond, long prerollMillis, long generation,
                       List<StreamDescription> descriptions) {

    /** A preroll beyond this (a minute) is taken as this much: no ring holds more for a joiner anyway. */
    static final long MAX_PREROLL_MILLIS = 60_000;

    /**
     * Reads what the writer passed to {@code onHeader}: a Header Object, optionally followed by the
     * Data Object header. Any header is turned into the live profile, so players treat the stream
     * as a broadcast even when the header came from a finished file.
     *
     * @throws IllegalArgumentException when the bytes are not a valid ASF header
     */
    static BroadcastHeader of(ByteBuffer buffer, long generation) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        AsfHeader header;
        try {
            if (bytes.length < 30) {
                throw new IllegalArgumentException("the ASF header given to onHeader has only " + bytes.length + " bytes");
            }
            long size = ByteBuffer.wrap(bytes, 16, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            if (size < 30 || size > bytes.length) {
                throw new IllegalArgumentException("the ASF header given to onHeader declares " + size
                        + " bytes but " + bytes.length + " were given");
            }
            header = AsfHeader.parse(Arrays.copyOf(bytes, (int) size));
        } catch (AsfFormatException e) {
            throw new IllegalArgumentException("the header given to onHeader is not valid ASF: " + e.getMessage(), e);
        }
        byte[] start = LiveProfile.streamStart(header);
        if (start.length > ChunkFramer.MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("the ASF header is " + start.length
                    + " bytes; MS-WMSP players need it in one $H chunk of at most " + ChunkFramer.MAX_PAYLOAD_LENGTH
                    + " bytes (drop large metadata such as pictures)");
        }
        Set<Integer> video = header.streams().stream().filter(StreamProperties::isVideo)
                .map(StreamProperties::streamNumber).collect(Collectors.toUnmodifiableSet());
        Set<Integer> all = header.streams().stream().map(StreamProperties::streamNumber)
                .collect(Collectors.toUnmodifiableSet());
        long preroll = header.fileProperties().preroll(); // an unsigned QWORD: "negative" means huge
        return new BroadcastHeader(start, ChunkFramer.headerChunk(start), header.packetSize(), all, video,
                header.fileProperties().maxBitrate(), preroll < 0 ? MAX_PREROLL_MILLIS : Math.min(preroll, MAX_PREROLL_MILLIS),
                generation, describe(header));
    }

    /** Each stream's number, type and bit rate, by what the header says (for the operator). */
    private static List<StreamDescription> describe(AsfHeader header) {
        java.util.Map<Integer, Long> rates = new java.util.HashMap<>();
        header.extendedStreamProperties().forEach(e -> rates.put(e.streamNumber(), e.dataBitrate()));
        header.streamBitrates().ifPresent(b -> b.records().forEach(r -> rates.put(r.streamNumber(), r.averageBitrate())));
        List<StreamDescription> list = new java.util.ArrayList<>();
        for (StreamProperties sp : header.streams()) {
            long rate = rates.getOrDefault(sp.streamNumber(),
                    sp.audioFormat().map(w -> w.avgBytesPerSec() * 8).orElse(0L));
            list.add(new StreamDescription(sp.streamNumber(), sp.isVideo() ? "video" : sp.isAudio() ? "audio" : "other",
                    rate));
        }
        return List.copyOf(list);
    }

    /**
     * How much of the broadcast, by send time, a joiner gets at once: the preroll, which a player
     * reads ahead before it plays anything (VLC's ASF demuxer holds every frame back until it has
     * packets sent a preroll later), plus {@code joinBurst}, which the player then has to play.
     */
    long joinMillis(java.time.Duration joinBurst) {
        return prerollMillis + joinBurst.toMillis();
    }

    /** Whether two headers give clients the same bytes (then connected clients need not notice). */
    boolean sameBytes(BroadcastHeader other) {
        return Arrays.equals(streamStart, other.streamStart);
    }
}
