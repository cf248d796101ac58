package org.asfcast.asf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a program as the unprivileged user {@value #USER} when the tests run as root: VLC refuses
 * to run as root. {@code .ci/run} creates the user.
 */
public final class Unprivileged {

    /** The user the players run as. */
    public static final String USER = "asfcast-player";

    private Unprivileged() {
    }

    /** Whether the tests run as root. */
    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The command, wrapped in {@code runuser} when running as root. */
    public static List<String> command(List<String> command) {
        if (!runningAsRoot()) {
            return command;
        }
        if (Tools.find("runuser").isEmpty()) {
            throw new AssertionError("running as root but runuser is missing: cannot drop privileges for " + command.get(0));
        }
        ProcessRun check = ProcessRun.run(java.time.Duration.ofSeconds(10), Path.of("/"), List.of("id", "-u", USER));
        if (check.exitCode() != 0) {
            String message = "user " + USER + " does not exist (useradd --system " + USER + ", as .ci/run does)";
            if (Tools.underCi()) {
                throw new AssertionError(message);
            }
            org.junit.jupiter.api.Assumptions.abort(message);
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", USER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Lets the unprivileged user read the tree and write into its folders: the folder and its
     * parents become traversable, folders writable, files readable.
     */
    public static void share(Path dir) {
        try {
            // Parents only gain o+x, and only where missing: rewriting /tmp's mode would drop its sticky bit.
            for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
                if (!mode.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    mode.add(PosixFilePermission.OTHERS_EXECUTE);
                    Files.setPosixFilePermissions(p, mode);
                }
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                            Files.isDirectory(p) ? "rwxrwxrwx" : "rw-r--r--"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not share " + dir + " with " + USER, e);
        }
    }
}
