package org.asfcast.ops.page;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open status pages' event streams ({@code GET /api/v1/events}, server-sent events): at most
 * {@code limit} at once; each event is encoded once and the same bytes go to every page. A page
 * that has not taken the previous event by the time the next one is due (its connection is still
 * not writable: Netty holds more than the high-water mark for it) is dropped, so nothing is ever
 * buffered for a page without bound; its script reconnects when it can keep up again.
 *
 * <p>Thread-safe: pages subscribe on the admin listener's threads, events are published from the
 * status page's clock.
 */
public final class StatusEvents implements AutoCloseable {

    /** How many pages may follow the events at once, unless told otherwise. */
    public static final int DEFAULT_LIMIT = 16;

    private static final Logger log = LoggerFactory.getLogger(StatusEvents.class);

    private final int limit;
    private final AtomicInteger slots = new AtomicInteger();
    private final Set<Channel> pages = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    /** At most {@code limit} pages at once. */
    public StatusEvents(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("at most " + limit + " event streams");
        }
        this.limit = limit;
    }

    /** The most pages that may follow at once. */
    public int limit() {
        return limit;
    }

    /**
     * Takes one of the {@link #limit} places for a page about to {@link #open} its stream; false
     * when every place is taken (answer 503) or the events are closed.
     */
    public boolean reserve() {
        while (!closed) {
            int taken = slots.get();
            if (taken >= limit) {
                return false;
            }
            if (slots.compareAndSet(taken, taken + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts sending events to a page whose response head (chunked {@code text/event-stream}) was
     * sent, in a place {@link #reserve} took; the place is freed when its connection closes.
     *
     * @param first events for this page alone, before the next for all (event name to payload), so
     *              it shows the server at once rather than a second later
     */
    void open(Channel page, Map<String, EventData> first) {
        // Added before the listener: a connection already closed is removed again at once.
        pages.add(page);
        page.closeFuture().addListener(f -> {
            pages.remove(page);
            slots.decrementAndGet();
        });
        if (closed) {
            page.close();
            return;
        }
        // A comment first: the page knows at once that the stream is open, before the first event.
        page.write(content(Unpooled.wrappedBuffer(ServerSentEvent.comment("asfcast status events"))),
                page.voidPromise());
        page.writeAndFlush(content(encode(first, page.alloc())), page.voidPromise());
    }

    /** How many pages follow the events now. */
    public int pages() {
        return pages.size();
    }

    /** How many pages were dropped for not keeping up, since the start. */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Sends one second's events (event name to payload, in order) to every page that keeps up: all
     * of them encoded once, into one buffer whose bytes every page gets, in one write.
     */
    void publish(Map<String, EventData> events) {
        if (pages.isEmpty()) {
            return;
        }
        ByteBuf event = encode(events, ByteBufAllocator.DEFAULT);
        try {
            for (Channel page : pages) {
                if (!page.isActive()) {
                    continue; // its close listener removes it
                }
                if (!page.isWritable()) {
                    dropped.incrementAndGet();
                    pages.remove(page);
                    log.info("status page at {} dropped: it did not take the last event within a second",
                            page.remoteAddress());
                    page.close();
                    continue;
                }
                page.writeAndFlush(content(event.retainedDuplicate()), page.voidPromise());
            }
        } finally {
            event.release();
        }
    }

    /** Ends every page's stream; no page may open one after this. */
    @Override
    public void close() {
        closed = true;
        pages.forEach(Channel::close);
    }

    /** The events in one buffer of {@code alloc}'s (pooled, off the heap: see {@link EventData}). */
    private ByteBuf encode(Map<String, EventData> events, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer();
        try {
            events.forEach((name, data) -> ServerSentEvent.write(out, name, ids.incrementAndGet(), data));
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private static DefaultHttpContent content(ByteBuf bytes) {
        return new DefaultHttpContent(bytes);
    }
}
