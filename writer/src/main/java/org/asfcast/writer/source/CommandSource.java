package org.asfcast.writer.source;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfReader;
import org.asfcast.writer.PacketDelivery;
import org.asfcast.writer.Source;
import org.asfcast.writer.WriterSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a command (an argument list, no shell) and relays the ASF it writes on its standard output,
 * for example {@code ffmpeg -re -i rtsp://cam/stream -c:v wmv2 -c:a wmav2 -f asf -}. What it
 * writes on standard error goes to the log, line by line, with the point's name.
 *
 * <p><b>When the command exits or stalls</b> (writes nothing for the stall timeout: it is killed)
 * the broadcast goes on: the sinks are not ended, and the command is started again after a
 * {@linkplain Backoff back-off}. A restarted command whose live header is the same as before
 * continues the stream seamlessly (send times and media object numbers go on); one with another
 * header hands the sinks the new header. When no header comes within the grace period after a
 * failure (the command exits at once, writes something that is not ASF, hangs), the broadcast ends
 * with a {@link CommandException} naming the command, how it ended and its last line on standard
 * error. A command that cannot be started at all is a {@link CommandException} at once. With
 * {@link CommandSettings#endOnExit()}, a run that exits with code 0 after its header has finished a
 * finite input (a file transcoded once): the broadcast ends there, as a file's replay does.
 */
public final class CommandSource implements Source {

    private static final Logger LOG = LoggerFactory.getLogger(CommandSource.class);
    private static final long WATCH_MILLIS = 100;

    private final List<String> command;
    private final String name;
    private final CommandSettings settings;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile CommandRun current;
    private volatile LiveRelay relay;

    /** Runs {@code command} for the point called {@code name} in the log, with the {@linkplain CommandSettings#DEFAULT default settings}. */
    public CommandSource(List<String> command, String name) {
        this(command, name, CommandSettings.DEFAULT);
    }

    /** Runs {@code command} for the point called {@code name} in the log, kept running as {@code settings} say. */
    public CommandSource(List<String> command, String name, CommandSettings settings) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the command for " + name + " is empty");
        }
        this.command = List.copyOf(command);
        this.name = name;
        this.settings = settings;
    }

    /** How many times the command has been started again. */
    public int restarts() {
        return restarts.get();
    }

    /** Packets relayed so far, over every run of the command. */
    public long packetsSent() {
        LiveRelay live = relay;
        return live == null ? 0 : live.packetsSent();
    }

    /** The process id of the command's current run, while one runs. */
    public OptionalLong pid() {
        CommandRun run = current;
        return run == null ? OptionalLong.empty() : OptionalLong.of(run.pid());
    }

    /**
     * Starts the command and relays its output, restarting it as needed, until {@link #stop()} or
     * until it keeps failing for the grace period.
     *
     * @throws CommandException when the command cannot be started, or gave no header for the grace period
     * @throws IOException      when every sink has failed
     */
    @Override
    public void run(List<WriterSink> sinks) throws IOException, AsfFormatException, InterruptedException {
        CommandRun first = start("cannot be started");
        PacketDelivery delivery = new PacketDelivery(sinks, stopped);
        LiveRelay live = new LiveRelay(delivery, stopped);
        relay = live;
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watch of " + name);
            t.setDaemon(true);
            return t;
        });
        long stallNanos = settings.stallTimeout().toNanos();
        watch.scheduleWithFixedDelay(() -> {
            CommandRun run = current;
            if (run != null) {
                run.watch(System.nanoTime(), stallNanos);
            }
        }, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        try {
            keepRunning(first, live);
        } finally {
            CommandRun last = current;
            if (last != null) {
                last.close();
            }
            current = null;
            watch.shutdownNow();
            watch.awaitTermination(1, TimeUnit.SECONDS);
            delivery.end();
        }
    }

    private void keepRunning(CommandRun first, LiveRelay live) throws IOException, InterruptedException {
        long graceNanos = settings.grace().toNanos();
        long headerDue = System.nanoTime() + graceNanos;
        int failures = 0;
        CommandRun run = first;
        String outcome = "";
        String lastWords = "";
        while (true) {
            if (run != null) {
                run.expectHeaderBy(headerDue);
                current = run;
                if (stopped.get()) {
                    return; // stop() came before this run was current: the finally ends it
                }
                outcome = relayRun(run, live);
                if (outcome == null || stopped.get()) {
                    return;
                }
                if (settings.endOnExit() && run.headerSeen() && run.exitedCleanly()) {
                    LOG.info("{}: {} finished its input; the broadcast ends", name, program());
                    return;
                }
                run.close();
                current = null;
                lastWords = run.lastWords(); // complete now: close() waited for the stderr reader
                long now = System.nanoTime();
                if (run.headerSeen()) {
                    headerDue = now + graceNanos;
                    if (now - run.startedNanos() >= settings.backoff().steadyRun().toNanos()) {
                        failures = 0;
                    }
                }
            }
            long left = headerDue - System.nanoTime();
            if (left <= 0) {
                throw new CommandException(failure(outcome, lastWords));
            }
            failures++;
            long delay = settings.backoff().delay(failures).toNanos();
            String words = lastWords.isEmpty() ? "" : "; its last words: " + lastWords;
            if (delay >= left) {
                // No start after the back-off would be within the grace (it would be killed at once
                // for its header): the players are kept to the grace's end, then the broadcast ends.
                LOG.warn("{}: {} {}; the grace ends in {} ms, before it may start again{}", name, program(), outcome,
                        left / 1_000_000, words);
                if (stopSignal.await(left, TimeUnit.NANOSECONDS)) {
                    return;
                }
                throw new CommandException(failure(outcome, lastWords));
            }
            LOG.warn("{}: {} {}; starting it again in {} ms (restart {}){}", name, program(), outcome,
                    delay / 1_000_000, restarts.get() + 1, words);
            if (stopSignal.await(delay, TimeUnit.NANOSECONDS)) {
                return;
            }
            restarts.incrementAndGet();
            try {
                run = start("cannot be started again");
            } catch (CommandException e) {
                run = null;
                outcome = "cannot be started again (" + e.getCause().getMessage() + ")";
                lastWords = "";
            }
        }
    }

    /** Relays one run's output; says how the run ended, or null when stopped. */
    private String relayRun(CommandRun run, LiveRelay live) throws IOException, InterruptedException {
        try {
            AsfReader reader = AsfReader.of(run.output());
            run.headerArrived();
            if (!live.relay(reader)) {
                return null;
            }
            run.outputEnded();
            return run.ending();
        } catch (AsfFormatException e) {
            run.outputEnded();
            if (run.output().failed() || run.killed()) {
                return run.ending(); // a run killed mid-header or mid-packet: the kill says why
            }
            if (run.output().bytesRead() == 0) {
                return run.ending() + " without writing anything";
            }
            if (run.endsWithin(250)) {
                return run.ending() + " in the middle of its output (" + e.getMessage() + ")";
            }
            run.kill("wrote something that is not ASF (" + e.getMessage() + ")");
            return run.ending();
        } catch (IOException e) {
            run.outputEnded();
            if (run.output().failed()) {
                return run.ending() + " (its output broke: " + e.getMessage() + ")";
            }
            throw e; // every sink failed
        }
    }

    private CommandRun start(String failure) throws CommandException {
        try {
            CommandRun run = CommandRun.start(command, LOG, name);
            LOG.info("{}: started {} (pid {})", name, program(), run.pid());
            return run;
        } catch (IOException e) {
            throw new CommandException(name + ": the command " + program() + " " + failure + ": " + reason(e), e);
        }
    }

    private static String reason(IOException e) {
        String message = String.valueOf(e.getMessage());
        // ProcessBuilder says: Cannot run program "x": error=2, No such file or directory
        int error = message.indexOf("error=");
        String why = error < 0 ? message : message.substring(message.indexOf(',', error) + 1).trim();
        return why.equals("No such file or directory") ? "it is not on the PATH (" + why + ")" : why;
    }

    private String failure(String outcome, String lastWords) {
        return name + ": the command " + program() + " " + outcome + " and gave no ASF header for "
                + settings.grace().toMillis() + " ms, so the broadcast ends"
                + (lastWords.isEmpty() ? "" : "; its last words: " + lastWords);
    }

    /** The program's name, printable, for messages. */
    private String program() {
        return "\"" + PrintableLine.of(command.get(0), false) + "\"";
    }

    @Override
    public void stop() {
        stopped.set(true);
        stopSignal.countDown();
        CommandRun run = current;
        if (run != null) {
            run.kill("was stopped");
        }
    }

    @Override
    public String describe() {
        return "ASF from the command " + PrintableLine.of(String.join(" ", command), false);
    }
}
