package org.asfcast.writer.source;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfReader;
import org.asfcast.writer.PacketDelivery;
import org.asfcast.writer.Source;
import org.asfcast.writer.WriterSink;

/**
 * The source of a point that publishers push to: each publisher's stream, as it comes, is one
 * input of a {@link LiveRelay}, so a publisher that drops and comes back (or another one) with the
 * same live header continues the broadcast seamlessly (send times and object numbers go on), and
 * one with another header ends the players' streams ({@code $E}) and starts a new one. Between
 * publishers the sinks are not ended: players wait (kept alive by the point) for the grace period;
 * when nobody publishes within it, the broadcast ends, and the next publisher starts a new one.
 * A stream that is not ASF, or breaks, is refused (the publisher gets 422) and counts as the
 * publisher stopping; the players stay. Runs until {@link #stop()}.
 */
public final class PublishedSource implements Source {

    /** How long one wait for a publisher lasts, so that {@link #stop()} is noticed soon. */
    private static final long POLL_MILLIS = 200;

    private final Publications publications;
    private final String name;
    private volatile Duration grace;
    private final Consumer<String> notices;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong published = new AtomicLong();
    private volatile Publication current;
    private volatile LiveRelay relay;

    /**
     * The source of the point called {@code name} in messages, fed by {@code publications}; players
     * wait {@code grace} for a publisher that stopped before their broadcast ends. Each publisher's
     * start and end, and each broadcast's end, is told to {@code notices} in a sentence.
     */
    public PublishedSource(Publications publications, String name, Duration grace, Consumer<String> notices) {
        this.publications = publications;
        this.name = name;
        this.grace = grace;
        this.notices = notices;
    }

    /** Players wait {@code next} for a publisher from now on (a reload). */
    public void grace(Duration next) {
        grace = next;
    }

    /** How many publishers' streams it has taken (each PUT, each push session). */
    public long publications() {
        return published.get();
    }

    /** Packets relayed in the current broadcast, over every publisher. */
    public long packetsSent() {
        LiveRelay live = relay;
        return live == null ? 0 : live.packetsSent();
    }

    /**
     * Relays publishers' streams until {@link #stop()}.
     *
     * @throws IOException when every sink has failed
     */
    @Override
    public void run(List<WriterSink> sinks) throws IOException, AsfFormatException, InterruptedException {
        PacketDelivery delivery = new PacketDelivery(sinks, stopped);
        LiveRelay live = null;
        long graceEnds = 0;
        try {
            while (!stopped.get()) {
                Publication next = publications.next(POLL_MILLIS).orElse(null);
                if (next == null) {
                    if (live != null && System.nanoTime() - graceEnds > 0) {
                        notices.accept("nobody published within " + grace.toMillis() + " ms; the broadcast ends");
                        delivery.end();
                        live = null;
                    }
                    continue;
                }
                if (live == null) {
                    live = new LiveRelay(delivery, stopped); // a new broadcast: its header goes to the sinks
                    relay = live;
                }
                take(next, live);
                graceEnds = System.nanoTime() + grace.toNanos();
            }
        } finally {
            Publication left = current;
            if (left != null) {
                left.refused(503, "The point " + name + " is stopping.");
            }
            delivery.end();
        }
    }

    /** Relays one publisher's stream to its end. */
    private void take(Publication publication, LiveRelay live) throws IOException, InterruptedException {
        current = publication;
        published.incrementAndGet();
        notices.accept(publication.describe() + " publishes");
        try {
            AsfReader reader = AsfReader.of(publication.body());
            if (live.relay(reader)) {
                publication.finished();
                notices.accept(publication.describe() + " stopped publishing; players wait up to " + grace.toMillis()
                        + " ms for a publisher");
            }
        } catch (AsfFormatException e) {
            publication.refused(422, "What was published is not a live ASF stream: " + e.getMessage());
            notices.accept(publication.describe() + " published something that is not ASF (" + e.getMessage()
                    + "); players wait up to " + grace.toMillis() + " ms for a publisher");
        } finally {
            current = null;
        }
    }

    @Override
    public void stop() {
        stopped.set(true);
        Publication publication = current;
        if (publication != null) {
            publication.refused(503, "The point " + name + " is stopping.");
        }
    }

    /** What it relays now: who publishes, or that nobody does. */
    @Override
    public String describe() {
        Publication publication = current;
        return publication == null ? "ASF pushed by a publisher (nobody publishes now)"
                : "ASF pushed by " + publication.describe();
    }
}
