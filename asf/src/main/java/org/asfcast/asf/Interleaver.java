package org.asfcast.asf;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Puts media objects of several streams into presentation order before they are packetized. An
 * object is held until one at least {@code windowMillis} newer has arrived, so objects that come
 * up to that much out of order (a large video frame completed after the small audio objects that
 * followed it, or two sources with some skew) leave in order. Memory is bounded by the window.
 */
public final class Interleaver {
    private final long windowMillis;
    private final Consumer<MediaObject> sink;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            Comparator.comparingLong((Entry e) -> e.object.presentationTime()).thenComparingLong(e -> e.sequence));
    private long newest = Long.MIN_VALUE;
    private long sequence;

    private record Entry(MediaObject object, long sequence) {
    }

    /** An interleaver that holds objects for {@code windowMillis} of media time. */
    public Interleaver(long windowMillis, Consumer<MediaObject> sink) {
        if (windowMillis < 0) {
            throw new IllegalArgumentException("window " + windowMillis + " is negative");
        }
        this.windowMillis = windowMillis;
        this.sink = sink;
    }

    /** Adds an object; releases every object that is now old enough. */
    public void add(MediaObject object) {
        queue.add(new Entry(object, sequence++));
        newest = Math.max(newest, object.presentationTime());
        while (!queue.isEmpty() && queue.peek().object.presentationTime() <= newest - windowMillis) {
            sink.accept(queue.poll().object);
        }
    }

    /** Releases everything held, in order (at the end of the input). */
    public void drain() {
        while (!queue.isEmpty()) {
            sink.accept(queue.poll().object);
        }
    }

    /** Objects currently held. */
    public int held() {
        return queue.size();
    }
}
