package org.asfcast.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./asfcast} started as a process, as a user starts it: its output lines are collected,
 * the test waits for a line, and stopping it sends SIGTERM like Ctrl-C would.
 */
final class AsfcastProcess implements AutoCloseable {

    /** The repository root (failsafe runs in the cli module's folder). */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static final Pattern MMSH = Pattern.compile("mmsh://[^\\s]+:(\\d+)(/\\S*)");
    private static final Pattern ANNOUNCED_PORT = Pattern.compile("asfcast: .* on port (\\d+)");

    final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();

    private AsfcastProcess(Process process) {
        this.process = process;
        drain(process.getInputStream(), out);
        drain(process.getErrorStream(), err);
    }

    /** Starts {@code ./asfcast ARGS} with standard input from {@code stdin} (null: none). */
    static AsfcastProcess start(ProcessBuilder.Redirect stdin, String... args) throws IOException {
        return start(stdin, null, args);
    }

    /** Starts {@code ./asfcast ARGS} with this {@code PATH} (a machine without some program). */
    static AsfcastProcess startWithPath(String path, String... args) throws IOException {
        return start(null, path, args);
    }

    private static AsfcastProcess start(ProcessBuilder.Redirect stdin, String path, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("asfcast").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null")) : stdin);
        if (path != null) {
            pb.environment().put("PATH", path);
        }
        return new AsfcastProcess(pb.start());
    }

    /** Runs {@code commandLine} with bash in the project's root (a pipeline ending in ./asfcast) and watches it. */
    static AsfcastProcess startShell(String commandLine) throws IOException {
        return new AsfcastProcess(new ProcessBuilder("bash", "-c", commandLine).directory(ROOT.toFile()).start());
    }

    static AsfcastProcess start(String... args) throws IOException {
        return start(null, args);
    }

    /**
     * Waits for the line announcing the mmsh:// URL and returns the players' port: the one the
     * banner's first line names ("asfcast: ... on port N"), else the one in that URL (a relay
     * point's line names its origin's URL first).
     */
    int awaitPort(Duration timeout) throws InterruptedException {
        String announced = awaitLine("mmsh://", timeout);
        synchronized (out) {
            for (String line : out) {
                Matcher port = ANNOUNCED_PORT.matcher(line);
                if (port.matches()) {
                    return Integer.parseInt(port.group(1));
                }
            }
        }
        Matcher m = MMSH.matcher(announced);
        if (!m.find()) {
            throw new AssertionError("no port in the announcement: " + out);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Waits until a line of standard output contains {@code text}; returns it. */
    String awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (out) {
                for (String line : out) {
                    if (line.contains(text)) {
                        return line;
                    }
                }
            }
            if (!process.isAlive()) {
                // Let the reader catch the last lines of a process that has ended.
                deadline = Math.min(deadline, System.nanoTime() + 1_000_000_000L);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no line with '" + text + "' within " + timeout + "; stdout: " + stdout()
                + "; stderr: " + stderr() + (process.isAlive() ? "" : "; exited " + process.exitValue()));
    }

    /** Sends the signal {@code name} ("HUP", "QUIT") to asfcast ({@code ./asfcast} execs java: the same process). */
    void signal(String name) {
        org.asfcast.asf.testing.ProcessRun.succeed(Duration.ofSeconds(10), ROOT, List.of("kill", "-" + name,
                Long.toString(process.pid())));
    }

    /** Sends SIGTERM (what Ctrl-C and service managers do) and returns the exit code. */
    int terminate() throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of its output pipes,
        // losing the lines it prints while it stops.
        process.toHandle().destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("asfcast did not end within 15 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** Waits for the process to end by itself; returns the exit code. */
    int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("asfcast did not end within " + timeout + "; stdout: " + stdout());
        }
        return process.exitValue();
    }

    List<String> stdout() {
        synchronized (out) {
            return new ArrayList<>(out);
        }
    }

    List<String> stderr() {
        synchronized (err) {
            return new ArrayList<>(err);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static void drain(InputStream in, List<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
