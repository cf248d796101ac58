package org.asfcast.netsink;

import java.nio.file.Path;
import java.util.Optional;

/** What a folder page shows of a file; the archive point supplies it from its parsed file cache. */
interface FileFacts {

    /**
     * Blocking. The facts of one file of the archive.
     *
     * @param file the file's real path
     * @return its facts, or empty when it is not a valid ASF file
     */
    Optional<FileFact> of(Path file);

    /**
     * A file's title and play duration.
     *
     * @param title          the title of its content description, if any
     * @param durationMillis its play duration in milliseconds (without preroll)
     */
    record FileFact(Optional<String> title, long durationMillis) {
    }
}
