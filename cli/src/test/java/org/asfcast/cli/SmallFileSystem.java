package org.asfcast.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.asf.testing.Unprivileged;
import org.junit.jupiter.api.Assumptions;

/**
 * A real file system of a few bytes, or a read-only one: a tmpfs mounted on a test's folder, so
 * that a full disk is the kernel's ENOSPC and not an imitation. Needs root; elsewhere the test is
 * skipped with a sentence, except under {@code CI=true}, where it must run.
 */
final class SmallFileSystem implements AutoCloseable {
    private final Path mountPoint;

    private SmallFileSystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code options} (e.g. {@code size=1m}, {@code ro}) on {@code dir}. */
    static SmallFileSystem mount(Path dir, String options) {
        if (!Unprivileged.runningAsRoot()) {
            String message = "mounting a small tmpfs needs root; run as root to test a full or read-only disk";
            if (Tools.underCi()) {
                throw new AssertionError(message + "; CI=true requires it");
            }
            Assumptions.abort(message);
        }
        ProcessRun.succeed(Duration.ofSeconds(30), dir.getParent(), List.of("mount", "-t", "tmpfs", "-o", options,
                "asfcast-test", dir.toString()));
        return new SmallFileSystem(dir);
    }

    @Override
    public void close() {
        ProcessRun.run(Duration.ofSeconds(30), mountPoint.getParent(), List.of("umount", "-l", mountPoint.toString()));
    }
}
