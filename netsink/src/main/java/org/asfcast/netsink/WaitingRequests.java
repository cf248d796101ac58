package org.asfcast.netsink;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The requests a point holds until its broadcast starts, and the demand signal they raise: the
 * first request held after the point lost (or before it had) its broadcast tells the point's
 * owner once, so a source can be started; the next period without a broadcast tells it again.
 * Thread-safe: requests come and go on their event loops, the writer starts the broadcast.
 */
final class WaitingRequests {

    /** A request held on its event loop. */
    interface Waiter {

        /** From any thread: the broadcast may have started; look on the request's own loop. */
        void wake();

        /** From any thread: the point is going away; answer the request with {@code refusal}, on its loop. */
        void turnAway(Admission.Refuse refusal);
    }

    private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean signalled = new AtomicBoolean();
    private volatile Runnable demandListener = () -> { };

    /** Who is told that a player wants the point while it has no broadcast; cheap, it runs on a network thread. */
    void onDemand(Runnable listener) {
        demandListener = listener;
    }

    /** Holds {@code waiter}; the first of a period without a broadcast raises the demand signal. */
    void add(Waiter waiter) {
        waiting.add(waiter);
        if (signalled.compareAndSet(false, true)) {
            demandListener.run();
        }
    }

    void remove(Waiter waiter) {
        waiting.remove(waiter);
    }

    /** How many requests wait now. */
    int count() {
        return waiting.size();
    }

    /** A broadcast started: every held request looks at it; the next period without one signals again. */
    void started() {
        signalled.set(false);
        waiting.forEach(Waiter::wake);
    }

    /**
     * The broadcast ended (or a start failed before its header): the next request held signals
     * again. Those held now keep waiting: a new start serves them.
     */
    void ended() {
        signalled.set(false);
    }

    /** The point leaves its server: every held request gets {@code refusal}. */
    void turnAway(Admission.Refuse refusal) {
        waiting.forEach(w -> w.turnAway(refusal));
    }
}
