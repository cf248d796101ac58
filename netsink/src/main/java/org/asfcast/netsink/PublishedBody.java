package org.asfcast.netsink;

import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import org.asfcast.writer.source.Publication;

/**
 * One publisher's stream on its way from the network to the point's source: a bounded pipe that
 * the publisher's event loop fills (never waiting) and the source's thread reads (waiting while it
 * is empty). Past {@link #HIGH_WATER} bytes the publisher's channel stops reading (Netty's
 * auto-read off, so TCP pushes back on the publisher); below {@link #LOW_WATER} it reads again. So
 * a publisher faster than real time, or a source slowed by its players, holds at most the high
 * water mark and one read's worth. A push session's stream outlives its connections: each
 * PushStart attaches its connection, and the stream goes on where the last one stopped.
 */
final class PublishedBody implements Publication {

    /** Above this many bytes held, the publisher's connection stops reading. */
    static final int HIGH_WATER = 512 * 1024;
    /** Below this many, it reads again. */
    static final int LOW_WATER = 128 * 1024;

    /** The connection feeding a stream, told how it went (on the source's thread: it hops to its loop). */
    interface Feeder {
        /** The channel to hold back. */
        Channel channel();

        /** The source took the whole stream. */
        void finished();

        /** The source cannot take the stream. */
        void refused(int status, String sentence);
    }

    private final String who;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int readInFirst; // of chunks.peekFirst()
    private long held;
    private long total;
    private boolean ended;
    private boolean abandoned;
    private boolean told;
    private boolean paused;
    private Feeder feeder;
    private volatile long lastTaken = System.nanoTime(); // when the source last read: a held-back publisher is not idle
    private final InputStream input = new Stream();

    PublishedBody(String who) {
        this.who = who;
    }

    // ---- the publisher's loop ----------------------------------------------------------------

    /** Adds bytes (the array becomes the body's); false when the source no longer takes any. */
    synchronized boolean append(byte[] bytes) {
        if (abandoned || ended) {
            return false;
        }
        if (bytes.length == 0) {
            return true;
        }
        chunks.addLast(bytes);
        held += bytes.length;
        total += bytes.length;
        if (held > HIGH_WATER && !paused && feeder != null) {
            paused = true;
            feeder.channel().config().setAutoRead(false);
        }
        notifyAll();
        return true;
    }

    /** The stream ends after what it holds (the publisher ended it, dropped, or sent something unreadable). */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /** {@code next} feeds the stream from now on (a push session's next PushStart). */
    synchronized void attach(Feeder next) {
        feeder = next;
        paused = held > HIGH_WATER;
        next.channel().config().setAutoRead(!paused);
    }

    /** {@code gone} no longer feeds it (its request is complete, or it dropped). */
    synchronized void detach(Feeder gone) {
        if (feeder == gone) {
            feeder = null;
            paused = false;
        }
    }

    /** Whether a connection feeds it now. */
    synchronized boolean fed() {
        return feeder != null;
    }

    /** Whether no more bytes will come. */
    synchronized boolean ended() {
        return ended || abandoned;
    }

    /** When the source last read from it ({@link System#nanoTime()}). */
    long lastTaken() {
        return lastTaken;
    }

    /** Bytes held for the source now. */
    synchronized long held() {
        return held;
    }

    /** Bytes taken from the publisher so far. */
    synchronized long total() {
        return total;
    }

    // ---- the source's thread -----------------------------------------------------------------

    @Override
    public InputStream body() {
        return input;
    }

    @Override
    public String describe() {
        return who;
    }

    @Override
    public void finished() {
        Feeder f;
        synchronized (this) {
            if (told) {
                return;
            }
            told = true;
            f = feeder;
        }
        if (f != null) {
            f.finished();
        }
    }

    @Override
    public void refused(int status, String sentence) {
        Feeder f;
        synchronized (this) {
            abandoned = true;
            chunks.clear();
            held = 0;
            notifyAll();
            if (told) {
                return;
            }
            told = true;
            f = feeder;
        }
        if (f != null) {
            f.refused(status, sentence);
        }
    }

    private synchronized int read(byte[] into, int offset, int length) throws InterruptedIOException {
        if (length == 0) {
            return 0;
        }
        try {
            while (chunks.isEmpty() && !ended && !abandoned) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the publisher");
        }
        if (abandoned || chunks.isEmpty()) {
            return -1;
        }
        int n = 0;
        while (n < length && !chunks.isEmpty()) {
            byte[] first = chunks.peekFirst();
            int step = Math.min(length - n, first.length - readInFirst);
            System.arraycopy(first, readInFirst, into, offset + n, step);
            n += step;
            readInFirst += step;
            if (readInFirst == first.length) {
                chunks.pollFirst();
                readInFirst = 0;
            }
        }
        held -= n;
        lastTaken = System.nanoTime();
        if (paused && held < LOW_WATER && feeder != null) {
            paused = false;
            Channel channel = feeder.channel();
            channel.eventLoop().execute(() -> channel.config().setAutoRead(true));
        }
        return n;
    }

    /** The body as the source reads it. */
    private final class Stream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = PublishedBody.this.read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            return PublishedBody.this.read(b, off, len);
        }
    }
}
