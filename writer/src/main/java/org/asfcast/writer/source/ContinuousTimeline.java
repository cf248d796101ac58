package org.asfcast.writer.source;

import java.util.HashMap;
import java.util.Map;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.PacketRetimer;
import org.asfcast.asf.Payload;

/**
 * Keeps a live input's timeline going up when its encoder restarts with the same settings: the
 * restarted encoder's packets (send times, presentation times and media object numbers starting
 * again near 0) are moved to just after what went before, so players see one continuous stream.
 */
final class ContinuousTimeline {

    /** Per stream: the last media object number and presentation times seen, shifted. */
    private static final class StreamEnd {
        long objectNumber = -1;
        long presentation = Payload.UNKNOWN;
        long step = 1;
    }

    private final Map<Integer, StreamEnd> ends = new HashMap<>();
    private final Map<Integer, Integer> objectShifts = new HashMap<>();
    private long lastSendTime = -1;
    private long shift;
    private boolean restarting;

    /** The packets placed from now on come from a restarted encoder. */
    void restart() {
        restarting = true;
        objectShifts.clear();
    }

    /**
     * Moves {@code packet} (parsed as {@code parsed}) in place onto the timeline and returns its
     * send time there.
     *
     * @throws AsfFormatException when a compressed payload's narrow time field cannot take the move
     *                            (the offset is inside the packet)
     */
    long place(byte[] packet, DataPacket parsed) throws AsfFormatException {
        if (restarting) {
            shift = shiftAfterRestart(parsed);
            restarting = false;
        }
        for (Payload p : parsed.payloads()) {
            StreamEnd end = ends.computeIfAbsent(p.streamNumber(), s -> new StreamEnd());
            objectShifts.computeIfAbsent(p.streamNumber(), s -> end.objectNumber < 0 ? 0
                    : (int) (end.objectNumber + 1 - p.mediaObjectNumber()));
        }
        if (shift != 0 || objectShifts.values().stream().anyMatch(s -> s != 0)) {
            PacketRetimer.shift(packet, parsed, shift, stream -> objectShifts.getOrDefault(stream, 0));
        }
        for (Payload p : parsed.payloads()) {
            StreamEnd end = ends.get(p.streamNumber());
            end.objectNumber = p.mediaObjectNumber() + objectShifts.get(p.streamNumber());
            boolean objectStart = p.compressed() || p.offset() == 0;
            if (objectStart && p.presentationTime() != Payload.UNKNOWN) {
                long time = p.presentationTime() + shift;
                if (end.presentation != Payload.UNKNOWN && time > end.presentation) {
                    end.step = time - end.presentation;
                }
                end.presentation = time;
            }
        }
        lastSendTime = parsed.sendTime() + shift;
        return lastSendTime;
    }

    /**
     * How far to move the restarted encoder: its first packet goes out no earlier than the last
     * one, and its first media one step (a frame, an audio block) after each stream's last.
     */
    private long shiftAfterRestart(DataPacket first) {
        long next = 0; // never moves a restarted encoder back in time
        if (lastSendTime >= 0) {
            next = Math.max(next, lastSendTime - first.sendTime());
        }
        long firstPresentation = first.payloads().stream().mapToLong(Payload::presentationTime)
                .filter(t -> t != Payload.UNKNOWN).min().orElse(Payload.UNKNOWN);
        if (firstPresentation != Payload.UNKNOWN) {
            for (StreamEnd end : ends.values()) {
                if (end.presentation != Payload.UNKNOWN) {
                    next = Math.max(next, end.presentation + end.step - firstPresentation);
                }
            }
        }
        return next;
    }
}
