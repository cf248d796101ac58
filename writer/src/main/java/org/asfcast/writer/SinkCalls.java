package org.asfcast.writer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Calls every sink even when one fails, so one broken destination (a full disk) does not starve
 * the others (the players); the first failure is rethrown afterwards with the rest suppressed.
 */
final class SinkCalls {
    private SinkCalls() {
    }

    /** One call on one sink. */
    interface SinkCall {
        void on(WriterSink sink) throws IOException;
    }

    static void each(List<WriterSink> sinks, SinkCall call) throws IOException {
        Exception failure = null;
        for (WriterSink sink : List.copyOf(sinks)) {
            try {
                call.on(sink);
            } catch (IOException | RuntimeException e) {
                failure = combine(failure, e);
            }
        }
        rethrow(failure);
    }

    /** Hands {@code sink} its own copy of {@code packet}: the data unit belongs to the sink afterwards. */
    static void dataUnit(WriterSink sink, byte[] packet) throws IOException {
        ByteBuffer unit = sink.allocateDataUnit(packet.length);
        int start = unit.position();
        unit.put(packet);
        unit.limit(unit.position()).position(start);
        sink.onDataUnit(unit);
    }

    /** {@code first} with {@code next} suppressed in it, or {@code next} when there is no first. */
    static Exception combine(Exception first, Exception next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /** Throws {@code failure} (an IOException or a RuntimeException), if any. */
    static void rethrow(Exception failure) throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
    }
}
