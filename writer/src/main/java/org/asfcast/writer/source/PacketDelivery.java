package org.asfcast.writer.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.asfcast.writer.WriterSink;

/**
 * Hands ready-made ASF packets to sinks, as the writer does, paced by their send times when any
 * sink needs real time: the first packet goes out at once, each later one when the wall clock has
 * moved on as far as its send time. A packet that arrives late goes out at once; a jump in send
 * time (a new input, a restarted encoder) starts the clock again instead of stalling or bursting.
 */
final class PacketDelivery {

    /** A send-time jump bigger than this (either way) restarts the clock. */
    private static final long DISCONTINUITY_MILLIS = 5_000;

    private final List<WriterSink> sinks;
    private final boolean realTime;
    private final AtomicBoolean stopped;
    private long anchorSendTime = -1;
    private long anchorNanos;
    private long lastSendTime;

    PacketDelivery(List<WriterSink> sinks, AtomicBoolean stopped) {
        this.sinks = List.copyOf(sinks);
        this.realTime = sinks.stream().anyMatch(WriterSink::isRealTime);
        this.stopped = stopped;
    }

    void header(byte[] header) throws IOException {
        for (WriterSink sink : sinks) {
            sink.onHeader(ByteBuffer.wrap(header).asReadOnlyBuffer());
        }
    }

    /**
     * Waits until {@code packet} is due (when pacing), then gives each sink its own copy. Returns
     * false, without delivering, when stopped while waiting.
     */
    boolean packet(byte[] packet, long sendTime) throws IOException, InterruptedException {
        if (realTime && !waitUntilDue(sendTime)) {
            return false;
        }
        for (int i = 0; i < sinks.size(); i++) {
            WriterSink sink = sinks.get(i);
            ByteBuffer unit = sink.allocateDataUnit(packet.length);
            unit.put(packet).flip();
            sink.onDataUnit(unit);
        }
        return true;
    }

    void end() throws IOException {
        IOException failure = null;
        for (WriterSink sink : sinks) {
            try {
                sink.onEndWriting();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
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
            long nap = Math.min(wait, 50_000_000L);
            Thread.sleep(nap / 1_000_000L, (int) (nap % 1_000_000L));
        }
    }
}
