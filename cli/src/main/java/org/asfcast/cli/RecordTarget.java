package org.asfcast.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks a {@code --record} file before anything is announced: a directory, a missing folder, a
 * read-only file system or a folder without permission would otherwise fail only once the URLs
 * are out and players are invited. It opens the file for writing as the recording will (without
 * truncating it) and removes it again when the check made it.
 */
final class RecordTarget {

    private RecordTarget() {
    }

    /** @throws Failures.UserError one sentence naming the path, when the file cannot be written */
    static void check(Path file) {
        if (Files.isDirectory(file)) {
            throw new Failures.UserError("--record " + file + " is a directory; give the name of a file to write");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new Failures.UserError("no such directory for --record: " + dir);
        }
        boolean existed = Files.exists(file);
        try {
            try (FileChannel probe = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                // opening it is the check
            }
            if (!existed) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new Failures.UserError("cannot record: " + Failures.sentence(e));
        }
    }
}
