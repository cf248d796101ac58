package org.asfcast.netsink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A server's {@link ServerObserver}s as one: each is told in turn, and one that throws does not stop the rest. */
final class Observers implements ServerObserver {

    private static final Logger log = LoggerFactory.getLogger(Observers.class);

    private final List<ServerObserver> observers = new CopyOnWriteArrayList<>();

    void add(ServerObserver observer) {
        observers.add(observer);
    }

    void remove(ServerObserver observer) {
        observers.remove(observer);
    }

    /** Whether an observer is registered: without one, callers make no event nobody would read. */
    @Override
    public boolean watching() {
        return !observers.isEmpty();
    }

    @Override
    public void playerStarted(PlayerEvent event) {
        each(o -> o.playerStarted(event));
    }

    @Override
    public void playerEnded(PlayerEvent event, DisconnectReason reason) {
        each(o -> o.playerEnded(event, reason));
    }

    @Override
    public void refused(Refusal refusal) {
        each(o -> o.refused(refusal));
    }

    @Override
    public void deliveryPass(long nanos, int players) {
        // Once per pass on every loop: a plain loop, no lambda made per call.
        for (ServerObserver o : observers) {
            try {
                o.deliveryPass(nanos, players);
            } catch (RuntimeException e) {
                log.warn("a server observer failed: {}", e.toString(), e);
            }
        }
    }

    @Override
    public void playerReport(PlayerReport report) {
        each(o -> o.playerReport(report));
    }

    private void each(Consumer<ServerObserver> call) {
        for (ServerObserver o : observers) {
            try {
                call.accept(o);
            } catch (RuntimeException e) {
                log.warn("a server observer failed: {}", e.toString(), e);
            }
        }
    }
}
