package org.asfcast.writer.source;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a program the way a shell does: the first executable file of that name in the PATH's folders. */
public final class SearchPath {

    private SearchPath() {
    }

    /** {@code program} in the folders of {@code pathVariable} (as in {@code $PATH}; null or empty: none). */
    public static Optional<Path> find(String program, String pathVariable) {
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String folder : pathVariable.split(File.pathSeparator)) {
            if (folder.isEmpty()) {
                continue; // an empty entry would mean the current folder: not where a server looks for ffmpeg
            }
            try {
                Path candidate = Path.of(folder, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException notAFolder) {
                // skipped, as a shell skips it
            }
        }
        return Optional.empty();
    }
}
