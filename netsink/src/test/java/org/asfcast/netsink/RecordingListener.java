package org.asfcast.netsink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records the sink's events in order, and waits for one. */
final class RecordingListener implements SinkListener {

    /** One event: its kind, the client, and the reason for a disconnect. */
    record Event(String kind, ClientInfo client, DisconnectReason reason) {
    }

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void clientConnected(ClientInfo client) {
        events.add(new Event("connected", client, null));
        notifyAll();
    }

    @Override
    public synchronized void clientDisconnected(ClientInfo client, DisconnectReason reason) {
        events.add(new Event("disconnected", client, reason));
        notifyAll();
    }

    @Override
    public synchronized void clientPropertiesChanged(ClientInfo client) {
        events.add(new Event("changed", client, null));
        notifyAll();
    }

    synchronized List<Event> events() {
        return new ArrayList<>(events);
    }

    /** Waits until {@code count} events match, or fails after {@code timeout}. */
    synchronized List<Event> await(Predicate<Event> match, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Event> found = events.stream().filter(match).toList();
            if (found.size() >= count) {
                return found;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " matching events within " + timeout + ", got " + events);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
