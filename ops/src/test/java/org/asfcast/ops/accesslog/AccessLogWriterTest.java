package org.asfcast.ops.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The writer's header, its rotation by UTC day and by size, a full queue and a full disk. */
class AccessLogWriterTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLogWriter.class);

    @BeforeEach
    void watchLog() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void unwatch() {
        logger.detachAppender(logged);
    }

    @Test
    void eachFileStartsWithTheHeaderAndTheFirstLineAfterMidnightRotatesIt() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T23:59:58Z"));
        Path file = dir.resolve("access.log");
        try (AccessLogWriter w = writer(file, 0, clock)) {
            w.append("first");
            waitFor(() -> w.written() == 1);
            clock.set(Instant.parse("2026-12-04T00:00:01Z"));
            w.append("second");
            waitFor(() -> w.written() == 2);
        }
        List<String> old = Files.readAllLines(dir.resolve("access-20261203.log"));
        assertThat(old).containsExactly("#Software: asfcast test", "#Version: 1.0", "#Date: 2026-12-03 23:59:58",
                AccessLogLine.fieldsDirective(), "first");
        assertThat(Files.readAllLines(file)).containsExactly("#Software: asfcast test", "#Version: 1.0",
                "#Date: 2026-12-04 00:00:01", AccessLogLine.fieldsDirective(), "second");
    }

    @Test
    void aFileLeftFromAnEarlierDayIsRotatedWhenOpened() throws Exception {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "#Software: asfcast test\nold\n");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.parse("2026-12-01T10:00:00Z")));
        try (AccessLogWriter w = writer(file, 0, new MutableClock(Instant.parse("2026-12-03T08:00:00Z")))) {
            w.append("new");
            waitFor(() -> w.written() == 1);
        }
        assertThat(Files.readAllLines(dir.resolve("access-20261201.log"))).containsExactly("#Software: asfcast test", "old");
        assertThat(Files.readAllLines(file)).hasSize(5).last().isEqualTo("new");
    }

    @Test
    void aFileAboutToPassItsCapIsRotatedEarlyWithANumber() throws Exception {
        Path file = dir.resolve("access.log");
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
        int header = String.join("\n", AccessLogLine.header("asfcast test", clock.instant())).length() + 1;
        long cap = header + 3 * 101; // three lines of 100 characters and their line ends
        try (AccessLogWriter w = writer(file, cap, clock)) {
            for (int i = 0; i < 10; i++) {
                w.append(String.format("%03d", i) + "x".repeat(97));
            }
            waitFor(() -> w.written() == 10);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("access-20261203-1.log", "access-20261203-2.log", "access-20261203-3.log", "access.log");
        int lines = 0;
        for (Path f : files) {
            assertThat(Files.size(f)).as(f.toString()).isLessThanOrEqualTo(cap);
            assertThat(Files.readAllLines(f).subList(0, 4)).as(f.toString()).containsExactlyElementsOf(
                    AccessLogLine.header("asfcast test", clock.instant()));
            lines += Files.readAllLines(f).stream().filter(l -> !l.startsWith("#")).count();
        }
        assertThat(lines).isEqualTo(10);
        assertThat(Files.readAllLines(dir.resolve("access-20261203-1.log"))).element(4).asString().startsWith("000");
    }

    @Test
    void aFullQueueDropsLinesCountedWithOneWarning() throws Exception {
        CountDownLatch disk = new CountDownLatch(1);
        AccessLogWriter.Opener slow = f -> new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    disk.await(); // a disk that takes its time
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
        };
        AccessLogWriter w = new AccessLogWriter(dir.resolve("slow.log"), 0, "asfcast test",
                new MutableClock(Instant.now()), slow, 4);
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            w.append("line " + i);
        }
        assertThat(System.nanoTime() - start).as("appending never waits for the disk").isLessThan(TimeUnit.SECONDS.toNanos(1));
        // The writer took one line and what was queued then (4) before the disk held it; 4 more wait.
        assertThat(w.dropped()).isGreaterThanOrEqualTo(100 - 1 - 4 - 4);
        assertThat(warnings()).hasSize(1).first().asString().contains("dropped").contains("queue of 4 lines is full");
        disk.countDown();
        w.close();
    }

    @Test
    void aFullDiskIsOneWarningAndNeverAnException() throws Exception {
        AccessLogWriter.Opener full = f -> new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
        try (AccessLogWriter w = new AccessLogWriter(dir.resolve("full.log"), 0, "asfcast test", clock, full, 1000)) {
            for (int i = 0; i < 50; i++) {
                w.append("line " + i);
            }
            waitFor(() -> w.failed() >= 50);
            clock.advance(java.time.Duration.ofSeconds(11)); // past the retry delay: tried again, still full
            for (int i = 0; i < 50; i++) {
                w.append("line " + i);
            }
            waitFor(() -> w.failed() >= 100);
            assertThat(w.written()).isZero();
        }
        assertThat(warnings()).hasSize(1).first().asString().contains("full.log cannot be written")
                .contains("No space left on device");
    }

    @Test
    void aDiskThatRecoversIsWrittenAgain() throws Exception {
        boolean[] fullNow = {true};
        AccessLogWriter.Opener sometimes = f -> {
            if (fullNow[0]) {
                throw new IOException("No space left on device");
            }
            return Files.newOutputStream(f, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        };
        MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
        Path file = dir.resolve("recovers.log");
        try (AccessLogWriter w = new AccessLogWriter(file, 0, "asfcast test", clock, sometimes, 1000)) {
            w.append("lost");
            waitFor(() -> w.failed() == 1);
            fullNow[0] = false;
            clock.advance(java.time.Duration.ofSeconds(11));
            w.append("kept");
            waitFor(() -> w.written() == 1);
        }
        assertThat(Files.readAllLines(file)).last().isEqualTo("kept");
        assertThat(warnings()).hasSize(1);
    }

    private List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static AccessLogWriter writer(Path file, long cap, MutableClock clock) {
        return new AccessLogWriter(file, cap, "asfcast test", clock,
                f -> Files.newOutputStream(f, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1000);
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("within 10 s").isTrue();
    }
}
