package org.asfcast.writer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.WrittenFiles;
import org.asfcast.writer.Source;
import org.asfcast.writer.WriterSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A command source driving real processes: sh scripts that write ASF, garbage or nothing. */
@Timeout(60)
class CommandSourceTest {

    /** Short periods, so a test of many restarts takes seconds. */
    private static final CommandSettings QUICK = new CommandSettings(Duration.ofSeconds(3), Duration.ofSeconds(5),
            new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(30)));

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(CommandSource.class);

    @BeforeEach
    void captureLog() {
        log.start();
        logger.addAppender(log);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
    }

    private Path mjpeg(String name, int frames, int width, int height) throws Exception {
        Path file = dir.resolve(name);
        WrittenFiles.writeMjpegPcm(file, frames, 25, width, height, 800);
        return file;
    }

    private static List<String> sh(String script, Object... args) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", script));
        for (Object a : args) {
            command.add(a.toString());
        }
        return command;
    }

    /** Runs the source on a thread of its own; get() waits for its end and throws what it threw. */
    private static FutureTask<Void> background(Source source, WriterSink sink) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            source.run(List.of(sink));
            return null;
        });
        Thread t = new Thread(task, "test source");
        t.setDaemon(true);
        t.start();
        return task;
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    private static int packetsIn(Path file) throws Exception {
        int n = 0;
        try (AsfReader reader = AsfReader.of(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            while (reader.nextPacketBytes().isPresent()) {
                n++;
            }
        }
        return n;
    }

    private List<String> messages() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static boolean threadsLeft(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().endsWith(" of " + name));
    }

    @Test
    void aCommandThatExitsIsStartedAgainAndTheStreamGoesOnSeamlessly() throws Exception {
        Path file = mjpeg("a.asf", 25, 64, 48);
        RecordingSink sink = new RecordingSink(false);
        CommandSource source = new CommandSource(sh("cat \"$0\"", file), "/loop", QUICK);
        FutureTask<Void> running = background(source, sink);
        await(() -> source.restarts() >= 2 && sink.count() >= 3 * packetsInQuietly(file), Duration.ofSeconds(20),
                "three runs relayed");
        source.stop();
        running.get(10, TimeUnit.SECONDS);

        assertThat(sink.headers).as("the same header each run: players play on").hasSize(1);
        assertThat(sink.ended).isTrue();
        Continuity.assertContinuous(sink.packets);
        assertThat(messages()).anySatisfy(m -> assertThat(m).startsWith("/loop: \"sh\" exited with code 0;")
                .contains("starting it again in 100 ms (restart 1)"));
    }

    /** A finite input (a file transcoded once): its clean exit ends the broadcast; a failure is still restarted. */
    @Test
    void withEndOnExitACleanExitEndsTheBroadcastAndAFailureIsStartedAgain() throws Exception {
        Path file = mjpeg("a.asf", 25, 64, 48);
        RecordingSink sink = new RecordingSink(false);
        CommandSource finite = new CommandSource(sh("cat \"$0\"", file), "/once", QUICK.endingOnExit());
        background(finite, sink).get(20, TimeUnit.SECONDS);
        assertThat(sink.ended).isTrue();
        assertThat(finite.restarts()).isZero();
        assertThat(sink.count()).isEqualTo(packetsIn(file));
        assertThat(messages()).contains("/once: \"sh\" finished its input; the broadcast ends");

        RecordingSink second = new RecordingSink(false);
        CommandSource failing = new CommandSource(sh("cat \"$0\"; exit 3", file), "/fails", QUICK.endingOnExit());
        FutureTask<Void> running = background(failing, second);
        await(() -> failing.restarts() >= 1, Duration.ofSeconds(20), "a failed run started again");
        failing.stop();
        running.get(10, TimeUnit.SECONDS);
        assertThat(messages()).anySatisfy(m -> assertThat(m).startsWith("/fails: \"sh\" exited with code 3;"));
    }

    private static int packetsInQuietly(Path file) {
        try {
            return packetsIn(file);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSeamlessRestartAfterAGapOfSecondsPlaysOnWithoutABurst() throws Exception {
        Path file = mjpeg("a.asf", 75, 64, 48); // 3 s, written at once by cat: the relay paces it
        RecordingSink sink = new RecordingSink(true);
        CommandSource source = new CommandSource(sh("cat \"$0\"", file), "/gap", new CommandSettings(
                Duration.ofSeconds(10), Duration.ofSeconds(5),
                new Backoff(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(30))));
        int perRun = packetsIn(file);
        FutureTask<Void> running = background(source, sink);
        await(() -> sink.count() >= 2 * perRun, Duration.ofSeconds(30), "two runs relayed");
        source.stop();
        running.get(10, TimeUnit.SECONDS);

        assertThat(sink.headers).hasSize(1);
        Continuity.assertContinuous(sink.packets);
        List<Long> sendTimes = new ArrayList<>();
        for (byte[] p : sink.packets) {
            sendTimes.add(org.asfcast.asf.DataPacket.parse(p).sendTime());
        }
        long resumed = sink.arrivals.get(perRun);
        assertThat((resumed - sink.arrivals.get(perRun - 1)) / 1_000_000).as("the gap, ms").isBetween(2_900L, 4_500L);
        // After the gap the packets are all overdue: at most PacketDelivery's 2 s of lateness goes out at once.
        for (int i = perRun; i < 2 * perRun; i++) {
            for (int j = i + 1; j < 2 * perRun && sink.arrivals.get(j) - sink.arrivals.get(i) < 300_000_000L; j++) {
                assertThat(sendTimes.get(j) - sendTimes.get(i)).as("media sent in 300 ms from packet %d", i)
                        .isLessThanOrEqualTo(2_500L);
            }
        }
        assertThat((sink.arrivals.get(2 * perRun - 1) - resumed) / 1_000_000).as("the second run paced, ms")
                .isGreaterThan(500L);
    }

    @Test
    void aCommandRestartedWithOtherSettingsHandsTheSinksItsHeader() throws Exception {
        Path first = mjpeg("a.asf", 10, 64, 48);
        Path second = mjpeg("b.asf", 10, 32, 24);
        Path flag = dir.resolve("ran");
        RecordingSink sink = new RecordingSink(false);
        CommandSource source = new CommandSource(
                sh("if [ -e \"$2\" ]; then cat \"$1\"; else touch \"$2\"; cat \"$0\"; fi", first, second, flag),
                "/changing", QUICK);
        FutureTask<Void> running = background(source, sink);
        await(() -> sink.count() >= packetsInQuietly(first) + packetsInQuietly(second), Duration.ofSeconds(20),
                "both runs relayed");
        source.stop();
        running.get(10, TimeUnit.SECONDS);

        assertThat(sink.headers).hasSize(2);
        assertThat(sink.headers.get(1)).isNotEqualTo(sink.headers.get(0));
        assertThat(sink.headerAt.get(1)).isEqualTo(packetsIn(first));
    }

    @Test
    void garbageEndsTheBroadcastWhenTheGracePeriodRunsOut() throws Exception {
        RecordingSink sink = new RecordingSink(false);
        CommandSource source = new CommandSource(sh("echo 'GET / HTTP/1.0'; echo 'this is not an encoder' >&2"),
                "/garbage", QUICK);
        long start = System.nanoTime();
        assertThatThrownBy(() -> source.run(List.of(sink))).isInstanceOfSatisfying(CommandException.class,
                e -> assertThat(e.getMessage()).startsWith("/garbage: the command \"sh\" exited with code 0")
                        .contains("gave no ASF header for 3000 ms, so the broadcast ends")
                        .endsWith("its last words: this is not an encoder"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("the grace period, then the end").isBetween(2_900L, 6_000L);
        assertThat(source.restarts()).isGreaterThanOrEqualTo(3);
        assertThat(sink.headers).isEmpty();
        assertThat(sink.ended).isTrue();
        assertThat(threadsLeft("/garbage")).isFalse();
    }

    @Test
    void aCommandThatWritesGarbageAndLingersIsKilledForIt() throws Exception {
        RecordingSink sink = new RecordingSink(false);
        CommandSource source = new CommandSource(sh("head -c 200 /dev/zero; exec sleep 60"), "/zeros",
                new CommandSettings(Duration.ofMillis(1500), Duration.ofSeconds(20), QUICK.backoff()));
        List<Long> pids = new ArrayList<>();
        FutureTask<Void> running = background(source, sink);
        while (!running.isDone()) {
            source.pid().ifPresent(p -> {
                if (!pids.contains(p)) {
                    pids.add(p);
                }
            });
            Thread.sleep(5);
        }
        assertThatThrownBy(running::get).cause().isInstanceOf(CommandException.class)
                .hasMessageContaining("wrote something that is not ASF");
        assertThat(pids).isNotEmpty().allSatisfy(p -> assertThat(ProcessHandle.of(p).map(ProcessHandle::isAlive))
                .as("process %d", p).isNotEqualTo(java.util.Optional.of(true)));
    }

    @Test
    void aStalledCommandIsKilledWithWhatItStartedAndStartedAgain() throws Exception {
        Path file = mjpeg("a.asf", 10, 64, 48);
        Path pids = dir.resolve("pids");
        RecordingSink sink = new RecordingSink(false);
        // sh waits for a child sleeping with the pipe open: killing sh alone would leave the stall.
        CommandSource source = new CommandSource(sh("cat \"$0\"; sleep 60 & echo $! >> \"$1\"; wait", file, pids),
                "/stall", new CommandSettings(Duration.ofSeconds(5), Duration.ofMillis(700), QUICK.backoff()));
        FutureTask<Void> running = background(source, sink);
        await(() -> source.restarts() >= 1 && sink.count() >= 2 * packetsInQuietly(file), Duration.ofSeconds(20),
                "a restart after the stall");
        source.stop();
        running.get(10, TimeUnit.SECONDS);

        assertThat(messages()).anySatisfy(m -> assertThat(m)
                .startsWith("/stall: \"sh\" stalled (nothing on its standard output for 700 ms); starting it again"));
        assertThat(sink.headers).hasSize(1);
        Continuity.assertContinuous(sink.packets);
        List<String> sleepers = Files.readAllLines(pids);
        assertThat(sleepers).hasSizeGreaterThanOrEqualTo(1);
        for (String pid : sleepers) {
            await(() -> ProcessHandle.of(Long.parseLong(pid.trim())).map(ProcessHandle::isAlive).orElse(false) == false,
                    Duration.ofSeconds(5), "the sleeping child " + pid + " gone");
        }
    }

    @Test
    void aCommandThatIsNotFoundIsAClearErrorAtOnce() {
        RecordingSink sink = new RecordingSink(false);
        CommandSource source = new CommandSource(List.of("asfcast-no-such-encoder", "-f", "asf", "-"), "/missing");
        long start = System.nanoTime();
        assertThatThrownBy(() -> source.run(List.of(sink))).isInstanceOf(CommandException.class)
                .hasMessage("/missing: the command \"asfcast-no-such-encoder\" cannot be started:"
                        + " it is not on the PATH (No such file or directory)");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(2));
        assertThat(sink.headers).isEmpty();
        assertThat(threadsLeft("/missing")).isFalse();
    }

    @Test
    void stopWhilePacingEndsPromptlyAndLeavesNoProcessNorThread() throws Exception {
        Path file = mjpeg("long.asf", 25 * 20, 64, 48);
        RecordingSink sink = new RecordingSink(true); // paced: 20 s of packets
        CommandSource source = new CommandSource(sh("exec cat \"$0\"", file), "/stop", QUICK);
        FutureTask<Void> running = background(source, sink);
        await(() -> sink.count() > 10, Duration.ofSeconds(10), "packets flowing");
        long pid = source.pid().orElseThrow();
        long start = System.nanoTime();
        source.stop();
        running.get(10, TimeUnit.SECONDS);

        assertThat(System.nanoTime() - start).as("stop is prompt").isLessThan(TimeUnit.SECONDS.toNanos(3));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(sink.ended).isTrue();
        assertThat(source.restarts()).isZero();
        assertThat(threadsLeft("/stop")).isFalse();
    }

    @Test
    void stopWhileWaitingForOutputEndsPromptly() throws Exception {
        Path file = mjpeg("a.asf", 10, 64, 48);
        RecordingSink sink = new RecordingSink(false);
        CommandSource source = new CommandSource(sh("cat \"$0\"; exec sleep 60", file), "/idle", QUICK);
        FutureTask<Void> running = background(source, sink);
        await(() -> sink.count() == packetsInQuietly(file), Duration.ofSeconds(10), "the file relayed");
        long pid = source.pid().orElseThrow();
        long start = System.nanoTime();
        source.stop();
        running.get(10, TimeUnit.SECONDS);

        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(3));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(sink.ended).isTrue();
    }

    @Test
    void restartsBackOffWithinTheGracePeriod() throws Exception {
        // "true" exits at once with nothing: starts at 0, 0.2, 0.6, 1.4, 2.2 s; the grace ends at 3 s, when
        // the next would start: it is not, since it would have no time for its header.
        CommandSource source = new CommandSource(List.of("true"), "/backoff", new CommandSettings(
                Duration.ofSeconds(3), Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(200), Duration.ofMillis(800), Duration.ofSeconds(30))));
        long start = System.nanoTime();
        assertThatThrownBy(() -> source.run(List.of(new RecordingSink(false)))).isInstanceOf(CommandException.class)
                .hasMessageContaining("\"true\" exited with code 0 without writing anything and gave no ASF header for 3000 ms");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).isBetween(2_900L, 5_000L);
        assertThat(source.restarts()).isEqualTo(4);
        assertThat(messages()).filteredOn(m -> m.contains("starting it again in"))
                .extracting(m -> m.replaceAll(".* in (\\d+) ms.*", "$1")).containsExactly("200", "400", "800", "800");
        assertThat(messages()).filteredOn(m -> m.contains("before it may start again")).hasSize(1);
    }

    @Test
    void theBackOffDoublesUpToItsCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(30));
        assertThat(List.of(1, 2, 3, 4, 5, 6, 40).stream().map(backoff::delay).map(Duration::toMillis).toList())
                .containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 10_000L, 10_000L);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stderrReachesTheLogLineByLineWithThePointsNameEscapedAndCut() throws Exception {
        Path file = mjpeg("a.asf", 5, 64, 48);
        RecordingSink sink = new RecordingSink(false);
        // A colour escape, a line of 300 characters, a megabyte with no line end, FFmpeg's \r progress.
        CommandSource source = new CommandSource(sh("printf 'red \\033[31mtext\\n' >&2; printf '%0300d\\n' 0 >&2;"
                + " head -c 1000000 /dev/zero | tr '\\0' x >&2; printf '\\nframe=1\\rframe=2\\r' >&2;"
                + " cat \"$0\"; exec sleep 60", file), "/chatty", QUICK);
        FutureTask<Void> running = background(source, sink);
        await(() -> messages().contains("/chatty: frame=2"), Duration.ofSeconds(10), "the last stderr line logged");
        source.stop();
        running.get(10, TimeUnit.SECONDS);

        List<String> lines = messages().stream().filter(m -> m.startsWith("/chatty: ") && !m.contains("started"))
                .toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("/chatty: red \\x1B[31mtext");
        assertThat(lines.get(1)).isEqualTo("/chatty: " + "0".repeat(200) + " ...[cut]");
        assertThat(lines.get(2)).isEqualTo("/chatty: " + "x".repeat(200) + " ...[cut]");
        assertThat(lines.subList(3, 5)).containsExactly("/chatty: frame=1", "/chatty: frame=2");
        assertThat(log.list.get(messages().indexOf("/chatty: frame=1")).getLevel()).isEqualTo(Level.INFO);
    }
}
