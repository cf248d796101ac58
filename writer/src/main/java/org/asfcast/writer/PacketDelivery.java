package org.asfcast.writer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands ready-made ASF packets to sinks (the design's pass-through for sources that already have
 * packets: a file, a pipe), as the writer does with the packets it makes, paced by their send times when any
 * sink needs real time: the first packet goes out at once, each later one when the wall clock has
 * moved on as far as its send time. A packet that arrives a little late (jitter) goes out at once;
 * one that arrives far late (a source that stalled, then resumed with a backlog) slips the clock,
 * so the backlog is paced again instead of burst. A jump in send time (a new input, a restarted
 * encoder) starts the clock again instead of stalling or bursting.
 *
 * <p>A sink that fails is set aside for the rest of the delivery (told to the
 * {@link SinkFailureListener}) and the others go on; a call fails only when every sink has failed.
 */
public final class PacketDelivery {

    /** A send-time jump bigger than this (either way) restarts the clock. */
    private static final long DISCONTINUITY_MILLIS = 5_000;

    /**
     * The most a packet may be behind its due time before the clock slips. Up to this much of a
     * backlog goes out at once (refilling players' buffers); well under the ring's 5 s, so a
     * burst never pushes the players off it.
     */
    static final long MAX_LATENESS_MILLIS = 2_000;

    private final List<WriterSink> sinks;
    private final boolean realTime;
    private final AtomicBoolean stopped;
    private final SinkCalls calls;
    private long anchorSendTime = -1;
    private long anchorNanos;
    private long lastSendTime;

    /**
     * Delivery to {@code sinks}; waiting for a packet gives up when {@code stopped} is set. A sink
     * that fails is set aside without a word: a sink that must be heard from says so itself (a
     * {@link FileSink} finishes its file and names it in its exception), or use the other constructor.
     */
    public PacketDelivery(List<WriterSink> sinks, AtomicBoolean stopped) {
        this(sinks, stopped, SinkFailureListener.NONE);
    }

    /** Delivery to {@code sinks} that tells {@code listener} about each sink that fails and is set aside. */
    public PacketDelivery(List<WriterSink> sinks, AtomicBoolean stopped, SinkFailureListener listener) {
        this.sinks = List.copyOf(sinks);
        this.realTime = sinks.stream().anyMatch(WriterSink::isRealTime);
        this.stopped = stopped;
        this.calls = new SinkCalls(listener);
    }

    /**
     * Every working sink gets the header; a new header starts a new timeline, so the pacing clock
     * starts again.
     *
     * @throws IOException when every sink has failed (the first failure)
     */
    public void header(byte[] header) throws IOException {
        anchorSendTime = -1;
        calls.each(sinks, sink -> sink.onHeader(ByteBuffer.wrap(header).asReadOnlyBuffer()));
    }

    /**
     * Waits until {@code packet} is due (when pacing), then gives each working sink its own copy.
     * Returns false, without delivering, when stopped while waiting.
     *
     * @throws IOException when every sink has failed (the first failure)
     */
    public boolean packet(byte[] packet, long sendTime) throws IOException, InterruptedException {
        if (realTime && !waitUntilDue(sendTime)) {
            return false;
        }
        calls.each(sinks, sink -> SinkCalls.dataUnit(sink, packet));
        return true;
    }

    /**
     * Every working sink gets {@code onEndWriting}, even when one fails.
     *
     * @throws IOException when every sink has failed (the first failure)
     */
    public void end() throws IOException {
        calls.each(sinks, WriterSink::onEndWriting);
    }

    private boolean waitUntilDue(long sendTime) throws InterruptedException {
        long now = System.nanoTime();
        if (anchorSendTime < 0 || Math.abs(sendTime - lastSendTime) > DISCONTINUITY_MILLIS) {
            anchorSendTime = sendTime;
            anchorNanos = now;
        }
        lastSendTime = sendTime;
        long due = anchorNanos + (sendTime - anchorSendTime) * 1_000_000L;
        long tooLate = now - due - MAX_LATENESS_MILLIS * 1_000_000L;
        if (tooLate > 0) {
            // The source fell behind (a stall): what follows is paced from here, not burst to catch up.
            anchorNanos += tooLate;
            due += tooLate;
        }
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
