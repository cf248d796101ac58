package org.asfcast.netsink.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataPacket;

/**
 * A pusher's side of MS-WMHTTP's framing, for tests: a file's header and packets as a PushStart
 * body carries them ({@code $H} with the Data Object start, each {@code $D} with its padding
 * removed and its Padding Length set to 0, as [MS-WMSP] §2.2.3.3 says a sender does).
 */
public final class PushFraming {

    /** A file's header frame and its packets, each as it was in the file. */
    public record Pushed(byte[] headerFrame, List<byte[]> packets) {
        /** The {@code $D} frames of packets {@code from} (inclusive) to {@code to} (exclusive), joined. */
        public byte[] dataFrames(int from, int to) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] p : packets.subList(from, to)) {
                out.writeBytes(frame('D', unpadded(p)));
            }
            return out.toByteArray();
        }
    }

    private PushFraming() {
    }

    /** The file's frames. */
    public static Pushed of(Path file) throws IOException, AsfFormatException {
        try (AsfReader reader = AsfReader.open(file)) {
            byte[] header = reader.headerBytes();
            byte[] data = reader.dataObject().toBytes();
            byte[] payload = java.util.Arrays.copyOf(header, header.length + data.length);
            System.arraycopy(data, 0, payload, header.length, data.length);
            List<byte[]> packets = new ArrayList<>();
            for (Optional<byte[]> p = reader.nextPacketBytes(); p.isPresent(); p = reader.nextPacketBytes()) {
                packets.add(p.get());
            }
            return new Pushed(frame('H', payload), packets);
        }
    }

    /** A frame: {@code $}, the type, the payload's length (little-endian), the payload. */
    public static byte[] frame(char type, byte[] payload) {
        byte[] out = new byte[4 + payload.length];
        out[0] = '$';
        out[1] = (byte) type;
        out[2] = (byte) payload.length;
        out[3] = (byte) (payload.length >> 8);
        System.arraycopy(payload, 0, out, 4, payload.length);
        return out;
    }

    /** {@code $E} with {@code reason}. */
    public static byte[] end(int reason) {
        return frame('E', new byte[] {(byte) reason, 0, 0, 0});
    }

    /** The packet without its padding, its Padding Length field (when it has one) set to 0. */
    public static byte[] unpadded(byte[] packet) {
        DataPacket parsed;
        try {
            parsed = DataPacket.parse(packet);
        } catch (AsfFormatException e) {
            throw new IllegalArgumentException(e);
        }
        int ltf = parsed.lengthTypeFlags();
        int paddingType = ltf >> 3 & 3;
        if (paddingType == 0 || parsed.paddingLength() == 0 || (ltf >> 5 & 3) != 0) {
            return packet;
        }
        int ec = parsed.hasErrorCorrection() ? 1 + (parsed.errorCorrectionFlags() & 0x0F) : 0;
        int at = ec + 2 + width(ltf >> 1 & 3);
        byte[] out = java.util.Arrays.copyOf(packet, packet.length - (int) parsed.paddingLength());
        for (int i = 0; i < width(paddingType); i++) {
            out[at + i] = 0;
        }
        return out;
    }

    private static int width(int type) {
        return type == 3 ? 4 : type;
    }
}
