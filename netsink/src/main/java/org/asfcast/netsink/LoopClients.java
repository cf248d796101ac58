package org.asfcast.netsink;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The streaming clients owned by one event loop. New packets wake the loop with one task, not one
 * per client, and wake-ups coalesce: if the loop is still busy with the last one, no new task is
 * queued. The set is touched only on its loop.
 */
final class LoopClients {

    private final EventLoop loop;
    private final Set<ClientSession> sessions = new LinkedHashSet<>();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final Runnable pumpAll = this::pumpAll;

    LoopClients(EventLoop loop) {
        this.loop = loop;
    }

    EventLoop loop() {
        return loop;
    }

    void add(ClientSession session) {
        sessions.add(session);
    }

    void remove(ClientSession session) {
        sessions.remove(session);
    }

    /** From any thread: let every client on this loop take what is new in the ring. */
    void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            loop.execute(pumpAll);
        }
    }

    /** From any thread: run {@code action} on each client of this loop, on the loop. */
    void forEach(Consumer<ClientSession> action) {
        loop.execute(() -> {
            for (ClientSession s : new ArrayList<>(sessions)) {
                action.accept(s);
            }
        });
    }

    /** On the loop: how many clients there are. */
    int size() {
        return sessions.size();
    }

    /** A snapshot of the sessions, taken on the loop. */
    List<ClientSession> snapshot() {
        return new ArrayList<>(sessions);
    }

    private void pumpAll() {
        wakeQueued.set(false);
        for (ClientSession s : new ArrayList<>(sessions)) {
            s.pump();
        }
    }
}
