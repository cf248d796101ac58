package org.asfcast.writer.source;

import java.util.HashMap;
import java.util.Map;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.Payload;

/**
 * What one pass over a file covers, measured from its packets alone (never from the header's
 * play duration or preroll, which a file may get wrong): the send times it spans, each stream's
 * presentation times and how many media objects each stream has. A loop moves the next pass by
 * {@link #length()} so that every timestamp keeps going up.
 */
final class PassSpan {

    /** The shortest pass a loop makes, so that a file of one packet does not spin. */
    static final long MIN_LENGTH_MILLIS = 100;

    private long firstSend = -1;
    private long sendEnd;
    private final Map<Integer, StreamTimes> streams = new HashMap<>();
    private final Map<Integer, Integer> objects = new HashMap<>();

    /** Counts {@code packet}, as read from the file (before any shift). */
    void add(DataPacket packet) {
        if (firstSend < 0) {
            firstSend = packet.sendTime();
        }
        sendEnd = Math.max(sendEnd, packet.sendTime() + packet.duration());
        for (Payload p : packet.payloads()) {
            if (p.compressed() || p.offset() == 0) {
                objects.merge(p.streamNumber(), 1, Integer::sum);
            }
            if (p.presentationTime() != Payload.UNKNOWN) {
                streams.computeIfAbsent(p.streamNumber(), s -> new StreamTimes()).add(p.presentationTime());
            }
        }
    }

    /** Whether any packet was counted. */
    boolean isEmpty() {
        return firstSend < 0;
    }

    /** The send time of the pass's first packet. */
    long firstSendTime() {
        return firstSend;
    }

    /**
     * How far after this pass's first send time the next pass starts: past the last send time, and
     * for every stream past its last presentation time by that stream's own last step (a frame,
     * an audio block), so no timestamp repeats or goes back.
     */
    long length() {
        long length = Math.max(MIN_LENGTH_MILLIS, sendEnd - firstSend);
        for (StreamTimes t : streams.values()) {
            length = Math.max(length, t.max - t.min + t.step());
        }
        return length;
    }

    /** Media objects per stream number in this pass. */
    Map<Integer, Integer> objectsPerStream() {
        return Map.copyOf(objects);
    }

    /** One stream's presentation times: smallest, largest and the largest but one (for the step). */
    private static final class StreamTimes {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long beforeMax = Long.MIN_VALUE;

        void add(long time) {
            min = Math.min(min, time);
            if (time > max) {
                beforeMax = max;
                max = time;
            } else if (time < max && time > beforeMax) {
                beforeMax = time;
            }
        }

        /** The gap between the last two distinct times; 1 ms for a stream of one object. */
        long step() {
            return beforeMax == Long.MIN_VALUE ? 1 : max - beforeMax;
        }
    }
}
