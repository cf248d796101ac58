package org.asfcast.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.AsfReader;

/**
 * The asf module's committed FFmpeg-made fixture (WMV2 + WMA2, 1000-byte packets) as a server
 * would stream it: the header bytes of a {@code $H} and the packets of the {@code $D}s.
 *
 * @param headerBytes Header Object + 50-byte Data Object header
 * @param header      the parsed header
 * @param packets     every data packet, full size
 */
public record FixtureStream(byte[] headerBytes, AsfHeader header, List<byte[]> packets) {

    public static FixtureStream load() throws IOException, AsfFormatException {
        try (InputStream in = FixtureStream.class.getResourceAsStream("/fixtures/ffmpeg-wmv2-wmav2.asf")) {
            if (in == null) {
                throw new IllegalStateException("fixtures/ffmpeg-wmv2-wmav2.asf is not on the test classpath "
                        + "(it comes with the asfcast-asf test-jar)");
            }
            AsfReader reader = AsfReader.of(in);
            byte[] header = Frames.concat(reader.headerBytes(), reader.dataObject().toBytes());
            List<byte[]> packets = new ArrayList<>();
            Optional<byte[]> packet;
            while ((packet = reader.nextPacketBytes()).isPresent()) {
                packets.add(packet.get());
            }
            return new FixtureStream(header, reader.header(), packets);
        }
    }

    /** The body of a Play response: {@code $H}, one {@code $D} per packet (LocationId from 1), {@code $E}. */
    byte[] framedPlay() {
        List<byte[]> parts = new ArrayList<>();
        parts.add(Frames.header(headerBytes));
        for (int i = 0; i < packets.size(); i++) {
            parts.add(Frames.data(i + 1, i & 0xFF, packets.get(i)));
        }
        parts.add(Frames.end(0));
        return Frames.concat(parts.toArray(byte[][]::new));
    }

    /** The body of a plain-HTTP response: raw ASF, header then packets. */
    byte[] rawAsf() {
        List<byte[]> parts = new ArrayList<>();
        parts.add(headerBytes);
        parts.addAll(packets);
        return Frames.concat(parts.toArray(byte[][]::new));
    }
}
