package org.asfcast.client.push;

import java.util.LinkedList;
import java.util.ListIterator;

/**
 * What the writer handed the push sink and the sending thread has not sent yet. The writer's
 * thread never waits here: the queue is bounded in bytes and, when full, drops its oldest data
 * packets (counted), as the network sink skips a slow player ahead. A live broadcast is worth
 * more on time than whole: blocking would stall the writer and every other sink it feeds.
 * Packets that waited longer than the age bound (an outage) are dropped when taken, so a
 * reconnected push resumes near the live edge instead of replaying a stale backlog.
 *
 * <p>Headers are never dropped while packets that need them wait; a header followed by no packet
 * gives way to the next header (the server never needed it). Thread-safe.
 */
final class PushQueue {

    /** One thing to push. */
    sealed interface Item permits Header, Data, End {
        /** Bytes it holds. */
        int size();
    }

    /** An ASF file header (the first of a session, or a new one). */
    record Header(byte[] asfHeader) implements Item {
        @Override
        public int size() {
            return asfHeader.length;
        }
    }

    /** A framed {@code $D}, with when it was queued. */
    record Data(byte[] frame, long queuedNanos) implements Item {
        @Override
        public int size() {
            return frame.length;
        }
    }

    /** The end of the session ({@code $E} 0). */
    record End() implements Item {
        @Override
        public int size() {
            return 0;
        }
    }

    private final long maxBytes;
    private final long maxAgeNanos;
    private final LinkedList<Item> items = new LinkedList<>();
    private long bytes;
    private long dropped;
    private boolean ended;

    /** A queue of at most {@code maxBytes} whose packets go stale after {@code maxAgeNanos}. */
    PushQueue(long maxBytes, long maxAgeNanos) {
        this.maxBytes = maxBytes;
        this.maxAgeNanos = maxAgeNanos;
    }

    /**
     * Adds an item, dropping the oldest packets while the queue holds more than its bound. Never
     * blocks. Nothing is added after an {@link End}.
     *
     * @return whether the item was added
     */
    synchronized boolean offer(Item item) {
        if (ended) {
            return false;
        }
        if (item instanceof Header && !items.isEmpty() && items.getLast() instanceof Header) { // no packet needed the older one
            bytes -= items.removeLast().size();
        }
        items.addLast(item);
        bytes += item.size();
        ended = item instanceof End;
        while (bytes > maxBytes && dropOldestData()) {
            dropped++;
        }
        notifyAll();
        return true;
    }

    /**
     * The next item, waiting up to {@code timeoutNanos}; null when none came. Packets older than
     * the age bound are dropped (counted) on the way.
     */
    synchronized Item take(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            while (items.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            Item next = items.removeFirst();
            bytes -= next.size();
            if (next instanceof Data data && System.nanoTime() - data.queuedNanos() > maxAgeNanos) {
                dropped++;
                continue;
            }
            return next;
        }
    }

    /** Empties the queue (a disconnect): what waited is not sent. Counted as dropped. */
    synchronized void clear() {
        for (Item item : items) {
            if (item instanceof Data) {
                dropped++;
            }
        }
        items.clear();
        bytes = 0;
    }

    /** Packets dropped so far (queue full, too old, or cleared). */
    synchronized long dropped() {
        return dropped;
    }

    /** Items waiting. */
    synchronized int size() {
        return items.size();
    }

    /** Bytes waiting. */
    synchronized long bytes() {
        return bytes;
    }

    /**
     * Removes the oldest data packet; false when there is none. A header it leaves with no packet
     * before the next header goes too.
     */
    private boolean dropOldestData() {
        ListIterator<Item> it = items.listIterator();
        while (it.hasNext()) {
            Item item = it.next();
            if (!(item instanceof Data)) {
                continue;
            }
            it.remove();
            bytes -= item.size();
            if (it.hasPrevious() && it.hasNext()) {
                Item before = it.previous();
                it.next();
                Item after = it.next();
                it.previous();
                if (before instanceof Header && after instanceof Header) {
                    it.previous();
                    it.remove();
                    bytes -= before.size();
                }
            }
            return true;
        }
        return false;
    }
}
