package org.asfcast.asf.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One finished run of an external program: its exit code and what it printed. Output goes to
 * files (no pipe can fill up and stall the program) and is read back bounded.
 */
public record ProcessRun(List<String> command, int exitCode, String stdout, String stderr) {

    private static final int MAX_KEPT_OUTPUT = 4 << 20;

    /** Runs the command to completion in {@code workDir}; fails the test if it outlives the timeout. */
    public static ProcessRun run(Duration timeout, Path workDir, List<String> command) {
        try {
            Path out = Files.createTempFile("asfcast-run", ".out");
            Path err = Files.createTempFile("asfcast-run", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    stop(process);
                    throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command)
                            + "\n" + tail(err));
                }
                return new ProcessRun(command, process.exitValue(), tail(out), tail(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command.get(0), e);
        }
    }

    /** Runs the command and fails the test, showing its error output, unless it exits with 0. */
    public static ProcessRun succeed(Duration timeout, Path workDir, List<String> command) {
        ProcessRun run = run(timeout, workDir, command);
        if (run.exitCode() != 0) {
            throw new AssertionError("exit code " + run.exitCode() + " from " + String.join(" ", command)
                    + "\n" + run.stderr());
        }
        return run;
    }

    /** Ends a process and all it started: politely, then by force; bounded in time. */
    public static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, f.length() - MAX_KEPT_OUTPUT);
            byte[] bytes = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
