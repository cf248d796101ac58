package org.asfcast.client.push;

import java.util.ArrayList;
import java.util.List;

/**
 * What is left of a PushStart body: the client's Length-Remaining ([MS-WMHTTP] §3.1.1). The body
 * must end exactly at its Content-Length, so a packet that does not fit is held for the next
 * PushStart and {@code $F} filler closes this one (§3.1.4.3). A frame fits when it fills the body
 * exactly or leaves room for at least an empty {@code $F}: the remainder is then never 1 to 3
 * bytes, which no packet could fill. Pure.
 */
final class BodyBudget {

    private long remaining;

    /** A budget for a body of {@code contentLength} bytes. */
    BodyBudget(long contentLength) {
        if (contentLength < PushFrames.FRAMING) {
            throw new IllegalArgumentException("a PushStart body of " + contentLength + " bytes holds no packet");
        }
        this.remaining = contentLength;
    }

    /** Bytes still to send. */
    long remaining() {
        return remaining;
    }

    /** Whether the body is complete: the server answers now. */
    boolean isComplete() {
        return remaining == 0;
    }

    /** Whether a frame of {@code length} bytes can go in this body. */
    boolean fits(int length) {
        return length == remaining || length + PushFrames.FRAMING <= remaining;
    }

    /** Counts a frame sent. @throws IllegalStateException when it does not fit */
    void spend(int length) {
        if (!fits(length)) {
            throw new IllegalStateException("a " + length + "-byte frame does not fit the " + remaining + " bytes left");
        }
        remaining -= length;
    }

    /**
     * The {@code $F} frames that complete the body, each at most the largest frame and none shorter
     * than its framing header; the body is complete after them.
     */
    List<byte[]> fill() {
        List<byte[]> fillers = new ArrayList<>();
        int largest = PushFrames.FRAMING + PushFrames.MAX_PAYLOAD;
        while (remaining > 0) {
            long take = Math.min(remaining, largest);
            if (remaining - take > 0 && remaining - take < PushFrames.FRAMING) {
                take -= PushFrames.FRAMING; // leave enough for one more (empty) filler
            }
            fillers.add(PushFrames.filler((int) take - PushFrames.FRAMING));
            remaining -= take;
        }
        return fillers;
    }
}
