package org.asfcast.netsink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.asfcast.asf.ArchiveFile;
import org.asfcast.asf.AsfFormatException;

/**
 * The files of an archive point, each parsed once: an {@link ArchiveFile} per path, parsed again
 * when the file on disk changes (its size or modification time), and a failure remembered the same
 * way, so a damaged file is not scanned on every request; with each file its packets mapped
 * ({@link ArchiveMapping}), shared by every player of that version of the file. The most recently
 * used files are kept, up to {@link #MAX_INDEX_BYTES} of index in all. Blocking: call it from the point's reader threads.
 */
final class ArchiveCatalog {

    /** The index memory kept for files not in use: about 16 hours of 1 Mbit/s files at 3,200-byte packets. */
    static final long MAX_INDEX_BYTES = 64L << 20;

    private record Entry(long size, FileTime modified, ArchiveFile file, ArchiveMapping packets, AsfFormatException failure,
                         long bytes) {
    }

    /** A parsed file and its packets, mapped once for all its players. */
    record Playable(ArchiveFile file, ArchiveMapping packets) {
    }

    private final Map<Path, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /**
     * The parsed file at {@code path} (a real path inside the point's folder).
     *
     * @throws AsfFormatException when the file is not a playable ASF file
     * @throws IOException        when it cannot be read
     */
    ArchiveFile get(Path path) throws IOException, AsfFormatException {
        return playable(path).file();
    }

    /**
     * The parsed file at {@code path} and its mapped packets.
     *
     * @throws AsfFormatException when the file is not a playable ASF file
     * @throws IOException        when it cannot be read or mapped
     */
    Playable playable(Path path) throws IOException, AsfFormatException {
        BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class);
        Entry known;
        synchronized (this) {
            known = entries.get(path);
        }
        if (known == null || known.size() != now.size() || !known.modified().equals(now.lastModifiedTime())) {
            known = parse(path, now);
        }
        if (known.failure() != null) {
            throw known.failure();
        }
        return new Playable(known.file(), known.packets());
    }

    /** What a folder page shows of the file, or empty if it is not a playable ASF file. */
    Optional<FileFacts.FileFact> facts(Path path) {
        try {
            ArchiveFile file = get(path);
            return Optional.of(new FileFacts.FileFact(file.title(), file.durationMillis()));
        } catch (IOException | AsfFormatException e) {
            return Optional.empty();
        }
    }

    private Entry parse(Path path, BasicFileAttributes seen) throws IOException {
        Entry entry;
        try {
            ArchiveFile file = ArchiveFile.open(path);
            // The send times (4 bytes a packet) and the key frames: bounded by 12 bytes a packet.
            entry = new Entry(file.fileSize(), file.lastModified(), file, ArchiveMapping.of(file), null,
                    256 + 12 * file.packetCount());
        } catch (AsfFormatException e) {
            entry = new Entry(seen.size(), seen.lastModifiedTime(), null, null, e, 256);
        }
        synchronized (this) {
            Entry old = entries.put(path, entry);
            bytes += entry.bytes() - (old == null ? 0 : old.bytes());
            var eldest = entries.entrySet().iterator();
            while (bytes > MAX_INDEX_BYTES && entries.size() > 1 && eldest.hasNext()) {
                Entry e = eldest.next().getValue();
                if (e != entry) {
                    bytes -= e.bytes();
                    eldest.remove();
                }
            }
        }
        return entry;
    }
}
