package org.asfcast.ops.accesslog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files an access log writes, one {@link AccessLogWriter} each, and which point's lines go to
 * which: immutable, replaced whole when the settings change ({@link #next}), so the access log's
 * thread always sees one consistent set.
 *
 * @param settings the settings, files absolute and normalized
 * @param writers  a writer per distinct file
 */
record AccessLogFiles(AccessLogSettings settings, Map<Path, AccessLogWriter> writers) {

    /** The files of {@code settings}, every writer new. */
    static AccessLogFiles open(AccessLogSettings settings, AccessLog.WriterFactory factory) {
        return open(settings, factory, Map.of(), -1);
    }

    /** The files of {@code next}, keeping this one's writers of the same file and size cap. */
    AccessLogFiles next(AccessLogSettings next, AccessLog.WriterFactory factory) {
        return open(next, factory, writers, settings.maxBytes());
    }

    /** Closes, after what they queued, this one's writers that {@code kept} does not use. */
    void closeAllBut(AccessLogFiles kept) {
        writers.forEach((file, writer) -> {
            if (kept.writers.get(file) != writer) {
                writer.close();
            }
        });
    }

    private static AccessLogFiles open(AccessLogSettings settings, AccessLog.WriterFactory factory,
                                       Map<Path, AccessLogWriter> existing, long existingMaxBytes) {
        Map<String, Path> pointFiles = new HashMap<>();
        settings.pointFiles().forEach((p, f) -> pointFiles.put(p, normal(f)));
        AccessLogSettings normal = new AccessLogSettings(settings.file().map(AccessLogFiles::normal), pointFiles,
                settings.period(), settings.maxBytes());
        List<Path> files = new ArrayList<>(pointFiles.values());
        normal.file().ifPresent(files::add);
        Map<Path, AccessLogWriter> writers = new LinkedHashMap<>();
        for (Path file : files) {
            if (!writers.containsKey(file)) {
                AccessLogWriter w = existing.get(file);
                writers.put(file, w != null && existingMaxBytes == settings.maxBytes() ? w
                        : factory.open(file, settings.maxBytes()));
            }
        }
        return new AccessLogFiles(normal, writers);
    }

    private static Path normal(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** The writer of the point at {@code point} ("" for a request that named none), if its lines are logged. */
    Optional<AccessLogWriter> writerFor(String point) {
        return settings.fileFor(point).map(writers::get);
    }

    /** Writes what every file has queued and closes them. */
    void close() {
        writers.values().forEach(AccessLogWriter::close);
    }
}
