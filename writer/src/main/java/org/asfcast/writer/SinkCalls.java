package org.asfcast.writer;

import java.io.IOException;
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
