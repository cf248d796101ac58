package org.asfcast.netsink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** This test process's open file descriptors (Linux /proc): whether the server left a file open. */
final class OpenFiles {

    private OpenFiles() {
    }

    /** How many descriptors point at {@code file} (its real path). */
    static long of(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException closedMeanwhile) {
                    return false;
                }
            }).count();
        }
    }
}
