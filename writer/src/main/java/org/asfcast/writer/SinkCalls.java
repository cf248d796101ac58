package org.asfcast.writer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Calls the sinks of one session so that one broken destination (a full disk) neither starves nor
 * ends the others (the players): a sink that fails is set aside, its listener told once, and it is
 * not called again; the call fails only when no sink is left working.
 */
final class SinkCalls {

    private final SinkFailureListener listener;
    private final Set<WriterSink> setAside = Collections.newSetFromMap(new IdentityHashMap<>());
    private Exception first;

    SinkCalls(SinkFailureListener listener) {
        this.listener = listener;
    }

    /** One call on one sink. */
    interface SinkCall {
        void on(WriterSink sink) throws IOException;
    }

    /**
     * Makes {@code call} on every working sink of {@code sinks}, setting aside each that fails.
     *
     * @throws IOException      when {@code sinks} is not empty and every one of them has failed:
     *                           the first failure, the later ones suppressed in it
     * @throws RuntimeException the same, when the first failure was one
     */
    void each(List<WriterSink> sinks, SinkCall call) throws IOException {
        for (WriterSink sink : new ArrayList<>(sinks)) {
            if (setAside.contains(sink)) {
                continue;
            }
            try {
                call.on(sink);
            } catch (IOException | RuntimeException e) {
                setAside.add(sink);
                first = combine(first, e);
                listener.sinkFailed(sink, e);
            }
        }
        if (!sinks.isEmpty() && setAside.containsAll(sinks)) {
            rethrow(first); // nothing receives the broadcast any more
        }
    }

    /** Whether {@code sink} failed and was set aside. */
    boolean failed(WriterSink sink) {
        return setAside.contains(sink);
    }

    /** A new session: every sink gets a new chance. */
    void reset() {
        setAside.clear();
        first = null;
    }

    /** Hands {@code sink} its own copy of {@code packet}: the data unit belongs to the sink afterwards. */
    static void dataUnit(WriterSink sink, byte[] packet) throws IOException {
        ByteBuffer unit = sink.allocateDataUnit(packet.length);
        int start = unit.position();
        unit.put(packet);
        unit.limit(unit.position()).position(start);
        sink.onDataUnit(unit);
    }

    /** {@code first} with {@code next} suppressed in it, or {@code next} when there is no first (or it is the same). */
    static Exception combine(Exception first, Exception next) {
        if (first == null || first == next) {
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
