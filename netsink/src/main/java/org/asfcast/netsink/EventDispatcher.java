package org.asfcast.netsink;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers client events to listeners, one at a time and in order, on one daemon thread; and
 * looks up client DNS names on a few others. A name that arrives after its client left is dropped
 * here, on the event thread, so "properties changed" never follows "disconnected".
 */
final class EventDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<SinkListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService events = single("asfcast-sink-events");
    private final ThreadPoolExecutor names = new ThreadPoolExecutor(4, 4, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(10_000), daemon("asfcast-dns"), new ThreadPoolExecutor.DiscardPolicy());
    private final Set<Long> connected = new HashSet<>(); // touched only on the event thread

    EventDispatcher() {
        names.allowCoreThreadTimeOut(true);
        ((ThreadPoolExecutor) events).allowCoreThreadTimeOut(true);
    }

    void add(SinkListener listener) {
        listeners.add(listener);
    }

    void remove(SinkListener listener) {
        listeners.remove(listener);
    }

    void connected(ClientInfo info) {
        events.execute(() -> {
            connected.add(info.id());
            each(l -> l.clientConnected(info));
        });
    }

    void disconnected(ClientInfo info, DisconnectReason reason) {
        events.execute(() -> {
            connected.remove(info.id());
            each(l -> l.clientDisconnected(info, reason));
        });
    }

    /**
     * Looks up the name of {@code address} in the background; when one is found, {@code onName}
     * records it and {@code snapshot} gives the updated client for the properties-changed event.
     */
    void resolve(long id, InetAddress address, java.util.function.Consumer<String> onName, Supplier<ClientInfo> snapshot) {
        names.execute(() -> {
            String name = address.getCanonicalHostName();
            if (name == null || name.equals(address.getHostAddress())) {
                return;
            }
            events.execute(() -> {
                if (connected.contains(id)) {
                    onName.accept(name);
                    ClientInfo info = snapshot.get();
                    each(l -> l.clientPropertiesChanged(info));
                }
            });
        });
    }

    /** Runs {@code task} after every event submitted so far has been delivered; waits at most a few seconds. */
    void drain() {
        try {
            events.submit(() -> { }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("client events did not drain: {}", e.toString());
        }
    }

    private void each(java.util.function.Consumer<SinkListener> call) {
        for (SinkListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                // A failing listener must not stop the others or the sink.
                log.warn("a sink listener failed: {}", e.toString(), e);
            }
        }
    }

    private static ExecutorService single(String name) {
        return new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon(name));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
