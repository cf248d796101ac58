package org.asfcast.netsink.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.asfcast.asf.LittleEndian;

/**
 * Reads the framed packets of an MS-WMHTTP PushStart body ({@code $H}, {@code $D}, {@code $C},
 * {@code $E}, {@code $F}; [MS-WMHTTP] §2.2.3) from bytes that arrive in pieces. A frame is
 * returned only once it is whole, so a connection that drops mid-frame leaves nothing half-read
 * behind: the next PushStart of the session starts at a frame boundary. At most one frame (at
 * most 65,539 bytes) is held. A frame byte {@code 0xA4} (the B bit set, which the specification
 * forbids) is accepted as {@code $}, as other receivers do. Pure; one decoder per body.
 */
public final class PushFrameDecoder {

    /** The framing header: the frame byte, the type, the length word. */
    public static final int FRAMING_HEADER = 4;

    private final byte[] head = new byte[FRAMING_HEADER];
    private int headFilled;
    private byte[] payload;
    private int payloadFilled;
    private long offset; // bytes of the body taken so far, for messages
    private long frameStart;

    /**
     * Takes the next bytes of the body (all of them) and returns the frames they complete.
     *
     * @throws PushFormatException when the bytes are not push framing; the decoder is then unusable
     */
    public List<PushFrame> feed(ByteBuffer input) throws PushFormatException {
        List<PushFrame> frames = new ArrayList<>(4);
        while (input.hasRemaining()) {
            if (headFilled < FRAMING_HEADER) {
                if (headFilled == 0) {
                    frameStart = offset;
                }
                head[headFilled++] = input.get();
                offset++;
                if (headFilled == FRAMING_HEADER) {
                    begin();
                }
            } else {
                int n = Math.min(input.remaining(), payload.length - payloadFilled);
                input.get(payload, payloadFilled, n);
                payloadFilled += n;
                offset += n;
            }
            if (headFilled == FRAMING_HEADER && payloadFilled == payload.length) {
                frames.add(frame());
                headFilled = 0;
                payload = null;
                payloadFilled = 0;
            }
        }
        return frames;
    }

    /** Whether the bytes taken end at a frame boundary (nothing half-read is held). */
    public boolean atBoundary() {
        return headFilled == 0;
    }

    /** Bytes taken so far. */
    public long offset() {
        return offset;
    }

    private void begin() throws PushFormatException {
        if ((head[0] & 0x7F) != '$') {
            throw new PushFormatException(frameStart, String.format(
                    "expected a push packet starting with '$' (0x24), found 0x%02X", head[0] & 0xFF));
        }
        int length = LittleEndian.u16(head, 2);
        char type = (char) (head[1] & 0xFF);
        int least = switch (type) {
            case 'H' -> 30;
            case 'D' -> 1;
            case 'C' -> 4 + 30;
            case 'E' -> 4;
            case 'F' -> 0;
            default -> throw new PushFormatException(frameStart, String.format(
                    "0x%02X is not a push packet type ($H, $D, $C, $E or $F)", head[1] & 0xFF));
        };
        if (length < least || type == 'E' && length != 4) {
            throw new PushFormatException(frameStart, "a $" + type + " packet of " + length + " bytes is "
                    + (type == 'E' ? "not the 4 bytes of its reason" : "too short for what it carries"));
        }
        payload = new byte[length];
    }

    private PushFrame frame() {
        return switch ((char) head[1]) {
            case 'H' -> new PushFrame.Header(payload);
            case 'D' -> new PushFrame.Data(payload);
            case 'C' -> new PushFrame.Change(java.util.Arrays.copyOfRange(payload, 4, payload.length));
            case 'E' -> new PushFrame.End((payload[0] & 0xFFL) | (payload[1] & 0xFFL) << 8 | (payload[2] & 0xFFL) << 16
                    | (payload[3] & 0xFFL) << 24);
            default -> new PushFrame.Filler(payload.length);
        };
    }
}
