package org.asfcast.asf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adds to a header what a multiple-bit-rate player chooses by: a Stream Bitrate Properties Object
 * (VLC and MPlayer read the bit rates only from there) and, with two or more video streams, a
 * Bitrate Mutual Exclusion Object naming them (one picture at several bit rates). FFmpeg's muxer
 * writes neither, so without this MPlayer's {@code -bandwidth} and VLC's {@code --mms-maxbitrate}
 * have nothing to go by. Both go right after File Properties, as real Windows Media files carry
 * them; the Header Object's size and count follow from the objects, and File Properties' file
 * size grows by the bytes added (when it is known). Pure.
 */
public final class BitrateObjects {

    private BitrateObjects() {
    }

    /**
     * The header with the missing objects added (an object already there is kept as it is).
     *
     * @param header   the header to describe
     * @param measured bits per second per stream number, used for a stream whose bit rate the
     *                 header does not give (Extended Stream Properties' data bitrate, else an
     *                 audio format's average bytes per second)
     * @throws IllegalArgumentException when a stream's bit rate is neither in the header nor in {@code measured}
     */
    public static AsfHeader added(AsfHeader header, Map<Integer, Long> measured) {
        List<HeaderObject> objects = new ArrayList<>(header.objects());
        List<HeaderObject> extra = new ArrayList<>();
        if (header.streamBitrates().isEmpty()) {
            List<StreamBitrateProperties.BitrateRecord> records = new ArrayList<>();
            for (StreamProperties stream : header.streams()) {
                records.add(new StreamBitrateProperties.BitrateRecord(stream.streamNumber(),
                        bitrate(header, stream, measured)));
            }
            extra.add(new StreamBitrateProperties(records));
        }
        List<Integer> video = header.streams().stream().filter(StreamProperties::isVideo)
                .map(StreamProperties::streamNumber).toList();
        boolean hasExclusion = objects.stream().anyMatch(o -> o.guid().equals(AsfGuids.BITRATE_MUTUAL_EXCLUSION));
        if (video.size() >= 2 && !hasExclusion) {
            extra.add(exclusion(video));
        }
        if (extra.isEmpty()) {
            return header;
        }
        int at = objects.indexOf(header.fileProperties()) + 1;
        objects.addAll(at, extra);
        long added = extra.stream().mapToLong(o -> o.toBytes().length).sum();
        FileProperties fp = header.fileProperties();
        AsfHeader result = new AsfHeader(header.reserved1(), header.reserved2(), objects);
        if (fp.fileSize() == 0 || fp.isBroadcast()) {
            return result; // the size is not valid anyway
        }
        return result.withFileProperties(fp.withTotals(fp.fileSize() + added, fp.dataPacketsCount(),
                fp.playDuration(), fp.sendDuration()));
    }

    /**
     * Bits per second of each stream of a file, from its payload bytes over its send-time span:
     * what {@link #added} needs for a stream whose header says nothing (FFmpeg's video streams).
     *
     * @throws AsfFormatException when the file is not valid ASF
     */
    public static Map<Integer, Long> measure(Path file) throws IOException, AsfFormatException {
        Map<Integer, Long> bytes = new HashMap<>();
        long first = -1;
        long last = 0;
        try (AsfReader reader = AsfReader.open(file)) {
            for (Optional<DataPacket> p; (p = reader.nextPacket()).isPresent(); ) {
                DataPacket packet = p.get();
                if (first < 0) {
                    first = packet.sendTime();
                }
                last = Math.max(last, packet.sendTime() + packet.duration());
                for (Payload payload : packet.payloads()) {
                    bytes.merge(payload.streamNumber(), (long) payload.dataLength(), Long::sum);
                }
            }
        }
        long millis = Math.max(1, last - Math.max(0, first));
        Map<Integer, Long> rates = new HashMap<>();
        bytes.forEach((stream, n) -> rates.put(stream, n * 8 * 1000 / millis));
        return rates;
    }

    private static long bitrate(AsfHeader header, StreamProperties stream, Map<Integer, Long> measured) {
        int number = stream.streamNumber();
        long fromEsp = header.extendedStreamProperties().stream().filter(e -> e.streamNumber() == number)
                .mapToLong(ExtendedStreamProperties::dataBitrate).max().orElse(0);
        if (fromEsp > 0) {
            return fromEsp;
        }
        long fromFormat = stream.audioFormat().map(w -> w.avgBytesPerSec() * 8).orElse(0L);
        if (fromFormat > 0) {
            return fromFormat;
        }
        Long given = measured.get(number);
        if (given == null || given <= 0) {
            throw new IllegalArgumentException("the header gives no bit rate for stream " + number
                    + " and none was measured: measure the file (BitrateObjects.measure) or the broadcast first");
        }
        return Math.min(given, 0xFFFF_FFFFL);
    }

    /** A Bitrate Mutual Exclusion Object (ASF spec §3.8) of type {@link AsfGuids#MUTEX_BITRATE}. */
    private static UnknownObject exclusion(List<Integer> streams) {
        ByteWriter body = new ByteWriter(18 + 2 * streams.size());
        body.guid(AsfGuids.MUTEX_BITRATE).u16(streams.size());
        for (int s : streams) {
            body.u16(s);
        }
        return new UnknownObject(AsfGuids.BITRATE_MUTUAL_EXCLUSION, body.toByteArray());
    }
}
