package org.asfcast.writer.source;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * One run of a {@link CommandSource}'s command: the process (standard input from /dev/null), its
 * watched standard output, its standard error logged on a thread of its own, and why it was
 * killed, if it was.
 */
final class CommandRun implements AutoCloseable {

    /** How long a process has to end after it is asked to, before it is killed outright. */
    static final long POLITE_MILLIS = 2_000;

    private final Process process;
    private final WatchedOutput output;
    private final StderrLog stderr;
    private final Thread stderrReader;
    private final long startedNanos = System.nanoTime();
    private volatile long headerDueNanos;
    private volatile boolean headerSeen;
    private volatile boolean outputEnded;
    private volatile String killReason;
    private volatile long killedAtNanos;

    private CommandRun(Process process, Logger log, String name) {
        this.process = process;
        this.output = new WatchedOutput(process.getInputStream());
        this.stderr = new StderrLog(process.getErrorStream(), log, name);
        this.stderrReader = new Thread(stderr, "stderr of " + name);
        stderrReader.setDaemon(true);
        stderrReader.start();
    }

    /**
     * Starts {@code command}, logging its standard error as {@code name}.
     *
     * @throws IOException when it cannot be started (not found, not executable)
     */
    static CommandRun start(List<String> command, Logger log, String name) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        return new CommandRun(process, log, name);
    }

    WatchedOutput output() {
        return output;
    }

    long pid() {
        return process.pid();
    }

    long startedNanos() {
        return startedNanos;
    }

    /** The run is killed if no header has come by {@code nanos} ({@link System#nanoTime()}). */
    void expectHeaderBy(long nanos) {
        headerDueNanos = nanos;
    }

    void headerArrived() {
        headerSeen = true;
    }

    /** Reading is over: the watch no longer judges the output (a stall, a late header), only the ending. */
    void outputEnded() {
        outputEnded = true;
    }

    boolean headerSeen() {
        return headerSeen;
    }

    /** The last line the command wrote on standard error, printable; empty when none. */
    String lastWords() {
        return stderr.lastLine();
    }

    /**
     * From the watch: kills the run when it stalled, or when its header is overdue; destroys it
     * outright when it has not ended {@value #POLITE_MILLIS} ms after being asked.
     */
    void watch(long now, long stallNanos) {
        if (killReason != null) {
            if (process.isAlive() && now - killedAtNanos > POLITE_MILLIS * 1_000_000L) {
                destroy(true);
            }
        } else if (outputEnded) {
            return;
        } else if (output.waitingNanos(now) > stallNanos) {
            kill("stalled (nothing on its standard output for " + stallNanos / 1_000_000 + " ms)");
        } else if (!headerSeen && now - headerDueNanos > 0) {
            kill("wrote no ASF header in time");
        }
    }

    /** Whether the run was killed (and so says why in {@link #ending()}). */
    boolean killed() {
        return killReason != null;
    }

    /** Whether the process ends within {@code millis} (it exits by itself). */
    boolean endsWithin(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /** Asks the process (and what it started) to end, for {@code reason}; the first reason stays. */
    synchronized void kill(String reason) {
        if (killReason == null) {
            killReason = reason;
            killedAtNanos = System.nanoTime();
            destroy(false);
        }
    }

    private void destroy(boolean forcibly) {
        // Children first: a shell's encoder would keep the pipe open after the shell is gone.
        process.descendants().forEach(forcibly ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
    }

    /**
     * Waits for the process to end (killing it when it does not, bounded) and says how it ended:
     * why it was killed, else its exit code.
     */
    String ending() throws InterruptedException {
        if (!process.waitFor(POLITE_MILLIS, TimeUnit.MILLISECONDS)) {
            kill("did not end when its output did");
            if (!process.waitFor(POLITE_MILLIS, TimeUnit.MILLISECONDS)) {
                destroy(true);
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (killReason != null) {
            return killReason;
        }
        int code = process.exitValue();
        return code > 128 ? "exited with code " + code + " (signal " + (code - 128) + ")" : "exited with code " + code;
    }

    /** Whether the process exited by itself with code 0; call after {@link #ending()}. */
    boolean exitedCleanly() {
        return killReason == null && !process.isAlive() && process.exitValue() == 0;
    }

    /** Ends the process if it still runs and waits, bounded, for it and for its standard error's reader. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill("was stopped");
            ending();
        }
        stderrReader.join(POLITE_MILLIS);
    }
}
