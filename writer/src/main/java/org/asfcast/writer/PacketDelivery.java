package org.asfcast.writer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands ready-made ASF packets to sinks (the design's pass-through for sources that already have
 * packets: a file, a pipe), as the writer does with the packets it makes, paced by their send times when any
 * sink needs real time: the first packet goes out at once, each later one when the wall clock has
 * moved on as far as its send time. A packet that arrives late goes out at once; a jump in send
 * time (a new input, a restarted encoder) starts the clock again instead of stalling or bursting.
 */
public final class PacketDelivery {

    /** A send-time jump bigger than this (either way) restarts the clock. */
    private static final long DISCONTINUITY_MILLIS = 5_000;

    private final List<WriterSink> sinks;
    private final boolean realTime;
    private final AtomicBoolean stopped;
    private long anchorSendTime = -1;
    private long anchorNanos;
    private long lastSendTime;

    /** Delivery to {@code sinks}; waiting for a packet gives up when {@code stopped} is set. */
    public PacketDelivery(List<WriterSink> sinks, AtomicBoolean stopped) {
        this.sinks = List.copyOf(sinks);
        this.realTime = sinks.stream().anyMatch(WriterSink::isRealTime);
        this.stopped = stopped;
    }

    /** Every sink gets the header. */
    public void header(byte[] header) throws IOException {
        SinkCalls.each(sinks, sink -> sink.onHeader(ByteBuffer.wrap(header).asReadOnlyBuffer()));
    }

    /**
     * Waits until {@code packet} is due (when pacing), then gives each sink its own copy. Returns
     * false, without delivering, when stopped while waiting.
     */
    public boolean packet(byte[] packet, long sendTime) throws IOException, InterruptedException {
        if (realTime && !waitUntilDue(sendTime)) {
            return false;
        }
        SinkCalls.each(sinks, sink -> SinkCalls.dataUnit(sink, packet));
        return true;
    }

    /** Every sink gets {@code onEndWriting}, even when one fails. */
    public void end() throws IOException {
        SinkCalls.each(sinks, WriterSink::onEndWriting);
    }

    private boolean waitUntilDue(long sendTime) throws InterruptedException {
        if (anchorSendTime < 0 || Math.abs(sendTime - lastSendTime) > DISCONTINUITY_MILLIS) {
            anchorSendTime = sendTime;
            anchorNanos = System.nanoTime();
        }
        lastSendTime = sendTime;
        long due = anchorNanos + (sendTime - anchorSendTime) * 1_000_000L;
        while (true) {
            if (stopped.get()) {
                return false;
            }
            long wait = due - System.nanoTime();
            if (wait <= 0) {
                return true;
            }
            // Short naps, so stop() is noticed within 50 ms.
            PacingClock.sleepUntil(System.nanoTime() + Math.min(wait, 50_000_000L));
        }
    }
}
