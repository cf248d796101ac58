package org.asfcast.ops.accesslog;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends lines to one access log file on a thread of its own, from a bounded queue: {@link #append}
 * never blocks (when the queue is full the line is counted as dropped, and a warning logged at most
 * once a minute). Each file begins with the W3C header ({@link AccessLogLine#header}). The file is
 * rotated by day: the first line after UTC midnight moves {@code access.log} to
 * {@code access-YYYYMMDD.log} (the day it holds) and starts a new one; a file that would pass
 * {@code maxBytes} is rotated early, to {@code access-YYYYMMDD-N.log} with the first free N. A write
 * that fails (a full disk) is logged once, its lines counted as failed, and tried again on a later
 * line; it never reaches the caller, so it never stops the server.
 */
public final class AccessLogWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccessLogWriter.class);
    /** Lines waiting to be written: at a few hundred bytes each, 64 Ki lines are about 20 MB at most. */
    public static final int QUEUE_LINES = 1 << 16;
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    /** After a failed write, the file is tried again no sooner than this. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String CLOSE = new String("close"); // a marker compared by identity

    /** Opens the file for appending: the file system's, or a test's. */
    @FunctionalInterface
    public interface Opener {
        /** A stream that appends to {@code file}, creating it if need be. */
        OutputStream open(Path file) throws IOException;
    }

    private final Path file;
    private final long maxBytes;
    private final String software;
    private final Clock clock;
    private final Opener opener;
    private final BlockingQueue<String> queue;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedSinceWarning = new AtomicLong();
    private final AtomicLong lastDropWarning = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;

    // The writer thread's own.
    private OutputStream out;
    private long size;
    private LocalDate day;
    private boolean failing;
    private Instant retryAt = Instant.MIN;
    private long unflushed; // lines in the buffer, counted written once flushed (or failed)

    /**
     * A writer of {@code file}, started.
     *
     * @param maxBytes the size past which the file is rotated early; 0 for no cap
     * @param software what the header names, such as {@code asfcast 0.1.0}
     */
    public AccessLogWriter(Path file, long maxBytes, String software) {
        this(file, maxBytes, software, Clock.systemUTC(), f -> Files.newOutputStream(f, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), QUEUE_LINES);
    }

    /** As above, with the time, the file opening and the queue's size given (tests). */
    public AccessLogWriter(Path file, long maxBytes, String software, Clock clock, Opener opener, int queueLines) {
        this.file = file.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.software = Objects.requireNonNull(software, "software");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.queue = new ArrayBlockingQueue<>(queueLines);
        this.thread = new Thread(this::run, "access-log " + this.file.getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /** The file written to. */
    public Path file() {
        return file;
    }

    /** Queues a line (without its line end) for writing; returns at once, whatever the disk does. */
    public void append(String line) {
        if (closed || !queue.offer(line)) {
            dropped.incrementAndGet();
            droppedSinceWarning.incrementAndGet();
            warnDropped();
        }
    }

    /** Lines not written because the queue was full (or the writer closed). */
    public long dropped() {
        return dropped.get();
    }

    /** Lines written to the file and flushed (they may still be in the file system's cache). */
    public long written() {
        return written.get();
    }

    /** Lines lost to failed writes (a full disk, a file that cannot be opened). */
    public long failed() {
        return failed.get();
    }

    private void warnDropped() {
        long now = clock.millis();
        long last = lastDropWarning.get();
        if ((last == Long.MIN_VALUE || now - last >= WARN_EVERY.toMillis()) && lastDropWarning.compareAndSet(last, now)) {
            log.warn("access log {}: {} line(s) dropped since the last warning: its queue of {} lines is full"
                    + " (the disk is slower than the players come and go)", file, droppedSinceWarning.getAndSet(0),
                    queue.remainingCapacity() + queue.size());
        }
    }

    private void run() {
        List<String> batch = new ArrayList<>();
        try {
            while (true) {
                String first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 1024);
                boolean closing = false;
                for (String line : batch) {
                    if (line == CLOSE) {
                        closing = true;
                        break;
                    }
                    write(line);
                }
                batch.clear();
                flush();
                if (closing) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeFile();
        }
    }

    private void write(String line) {
        Instant now = clock.instant();
        if (failing && now.isBefore(retryAt)) {
            failed.incrementAndGet();
            return;
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            if (out != null && !today.equals(day)) {
                rotate(false);
            } else if (out != null && maxBytes > 0 && size + bytes.length > maxBytes && size > 0) {
                rotate(true);
            }
            if (out == null) {
                open(now);
            }
            out.write(bytes);
            size += bytes.length;
            unflushed++;
        } catch (IOException | RuntimeException e) {
            failed.incrementAndGet();
            fail(now, e);
        }
    }

    private void flush() {
        if (out == null) {
            return;
        }
        try {
            out.flush();
            written.addAndGet(unflushed);
            unflushed = 0;
            if (failing) {
                failing = false;
                log.info("access log {}: writing again", file);
            }
        } catch (IOException | RuntimeException e) {
            fail(clock.instant(), e);
        }
    }

    /** The buffered lines are lost with the file's state: counted, reported once, tried again later. */
    private void fail(Instant now, Exception e) {
        failed.addAndGet(unflushed);
        unflushed = 0;
        if (!failing) {
            failing = true;
            log.warn("access log {} cannot be written ({}); its lines are lost until it can, tried again every {} s",
                    file, e.toString(), RETRY_AFTER.toSeconds());
        }
        retryAt = now.plus(RETRY_AFTER);
        closeFile(); // a file in an unknown state is opened afresh on the next try
    }

    /** Opens the file, rotating first one left from an earlier day, and writes the header if it is new. */
    private void open(Instant now) throws IOException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (Files.exists(file) && Files.size(file) > 0) {
            LocalDate last = LocalDate.ofInstant(Files.getLastModifiedTime(file).toInstant(), ZoneOffset.UTC);
            if (last.isBefore(today)) {
                Files.move(file, rotatedName(last, false), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        size = Files.exists(file) ? Files.size(file) : 0;
        out = new BufferedOutputStream(opener.open(file), 64 << 10);
        day = today;
        if (size == 0) {
            for (String h : AccessLogLine.header(software, now)) {
                byte[] b = (h + "\n").getBytes(StandardCharsets.UTF_8);
                out.write(b);
                size += b.length;
            }
        }
    }

    /** Closes the file and moves it aside, under its day's name (early: with a free -N). */
    private void rotate(boolean early) throws IOException {
        out.flush();
        written.addAndGet(unflushed);
        unflushed = 0;
        closeFile();
        Files.move(file, rotatedName(day, early), StandardCopyOption.ATOMIC_MOVE);
    }

    /** {@code access-YYYYMMDD.log}, or with {@code -N} when early or when that name is taken. */
    private Path rotatedName(LocalDate of, boolean early) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = (dot > 0 ? name.substring(0, dot) : name) + "-" + DAY.format(of);
        String ext = dot > 0 ? name.substring(dot) : "";
        Path plain = file.resolveSibling(stem + ext);
        if (!early && !Files.exists(plain)) {
            return plain;
        }
        for (int n = 1; ; n++) {
            Path numbered = file.resolveSibling(stem + "-" + n + ext);
            if (!Files.exists(numbered)) {
                return numbered;
            }
        }
    }

    private void closeFile() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException | RuntimeException e) {
                log.debug("access log {}: closing failed: {}", file, e.toString());
            }
            out = null;
        }
    }

    /** Writes what is queued, closes the file and stops the thread (waiting at most a few seconds). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(CLOSE);
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
