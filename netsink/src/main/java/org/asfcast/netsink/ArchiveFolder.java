package org.asfcast.netsink;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The folder of an archive point and what a relative path leads to in it. Only what is really
 * inside the root is reachable: a path with a '.' or '..' segment, an empty segment, a backslash,
 * a control character, a leading '/', a hidden name (leading '.') or a symbolic link whose target
 * lies outside the root's real path leads nowhere, exactly as a missing file does, so no answer
 * tells what exists outside. Files are served and listed only with an ASF extension
 * ({@value #EXTENSIONS}, any case); other files, {@code .asx} ones included, are neither (an
 * {@code .asx} name asks for the metafile the server makes). Blocking: call it off the event loop.
 */
final class ArchiveFolder {

    /** The extensions of files the archive serves. */
    static final String EXTENSIONS = ".asf .wmv .wma";
    /** The most entries a listing returns: the first ones in its order; a page with more helps nobody. */
    static final int MAX_LISTED = 2000;

    private static final Comparator<Entry> ORDER = Comparator.comparing((Entry e) -> !e.folder())
            .thenComparing(Entry::name, String.CASE_INSENSITIVE_ORDER).thenComparing(Entry::name);

    private final Path root;

    /** The archive of the folder {@code root}; it need not exist yet (a missing root lists nothing). */
    ArchiveFolder(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** The point's folder, absolute. */
    Path root() {
        return root;
    }

    /** Where a relative path leads. */
    sealed interface Resolved {
        /** A regular ASF file inside the root; {@code path} is its real path. */
        record File(Path path) implements Resolved {
        }

        /** A folder inside the root (real path); {@code slashed}: the relative path ended in '/' (or was empty). */
        record Folder(Path path, boolean slashed) implements Resolved {
        }

        /** Nothing the archive serves. */
        record NotFound() implements Resolved {
        }
    }

    /** One entry of a folder listing; {@code path} is its real path. */
    record Entry(String name, boolean folder, Path path, long size, FileTime modified) {
    }

    /**
     * Blocking. Where a relative path leads.
     *
     * @param relative the path below the point as the router gives it (percent-decoded, no query,
     *                 no leading '/'); empty for the point's own folder
     * @return a file, a folder or not found
     * @throws IOException when the file system fails other than by a missing or unreachable file
     */
    Resolved resolve(String relative) throws IOException {
        Objects.requireNonNull(relative, "relative");
        if (relative.startsWith("/") || !printable(relative)) {
            return new Resolved.NotFound();
        }
        boolean slashed = relative.isEmpty() || relative.endsWith("/");
        String trimmed = slashed && !relative.isEmpty() ? relative.substring(0, relative.length() - 1) : relative;
        List<String> segments = trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
        for (String segment : segments) {
            if (segment.isEmpty() || segment.startsWith(".")) {
                return new Resolved.NotFound(); // covers ".", "..", "//" and hidden names
            }
        }
        Path realRoot = realRoot();
        if (realRoot == null) {
            return segments.isEmpty() ? new Resolved.Folder(root, slashed) : new Resolved.NotFound();
        }
        Path candidate = realRoot;
        for (String segment : segments) {
            candidate = candidate.resolve(segment);
        }
        Path real;
        BasicFileAttributes attributes;
        try {
            real = candidate.toRealPath();
            attributes = Files.readAttributes(real, BasicFileAttributes.class);
        } catch (NoSuchFileException | NotDirectoryException | java.nio.file.AccessDeniedException gone) {
            return new Resolved.NotFound();
        } catch (FileSystemException loop) {
            return new Resolved.NotFound(); // e.g. a loop of links: ELOOP
        }
        if (!inside(realRoot, real)) {
            return new Resolved.NotFound();
        }
        if (attributes.isDirectory()) {
            return new Resolved.Folder(real, slashed);
        }
        if (attributes.isRegularFile() && !slashed && !segments.isEmpty()
                && isMedia(segments.get(segments.size() - 1)) && isMedia(real.getFileName().toString())) {
            return new Resolved.File(real);
        }
        return new Resolved.NotFound();
    }

    /**
     * Blocking. The entries of a folder to list: subfolders and ASF files inside the root, no
     * hidden ones, no link leading out or nowhere; folders first, then files, each by name
     * (ignoring case); at most {@value #MAX_LISTED}, the first in that order.
     *
     * @param folder a folder {@link #resolve} returned
     * @return the entries, sorted; empty for a missing root
     * @throws IOException when the folder cannot be read
     */
    List<Entry> list(Path folder) throws IOException {
        Path realRoot = realRoot();
        if (realRoot == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        TreeSet<Entry> kept = new TreeSet<>(ORDER);
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path child : stream) {
                String name = child.getFileName().toString();
                if (name.startsWith(".") || !printable(name)) {
                    continue;
                }
                Entry entry = entry(realRoot, child, name);
                if (entry == null) {
                    continue;
                }
                kept.add(entry);
                if (kept.size() > MAX_LISTED) {
                    kept.pollLast(); // bounded memory however large the folder
                }
            }
        }
        return List.copyOf(kept);
    }

    private static Entry entry(Path realRoot, Path child, String name) {
        try {
            Path real = child.toRealPath();
            if (!inside(realRoot, real)) {
                return null;
            }
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            if (a.isDirectory()) {
                return new Entry(name, true, real, 0, a.lastModifiedTime());
            }
            if (a.isRegularFile() && isMedia(name) && isMedia(real.getFileName().toString())) {
                return new Entry(name, false, real, a.size(), a.lastModifiedTime());
            }
            return null;
        } catch (IOException danglingOrUnreadable) {
            return null;
        }
    }

    /** The root's real path, or null when it does not exist (yet). */
    private Path realRoot() throws IOException {
        try {
            Path real = root.toRealPath();
            return Files.isDirectory(real) ? real : null;
        } catch (NoSuchFileException missing) {
            return null;
        }
    }

    /** Inside the root, and no hidden name on the way (a link inside may lead to a hidden file). */
    private static boolean inside(Path realRoot, Path real) {
        if (!real.startsWith(realRoot)) {
            return false;
        }
        for (Path part : realRoot.relativize(real)) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /** Whether a name has one of the ASF extensions, in any case. */
    static boolean isMedia(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.length() > 4 && (lower.endsWith(".asf") || lower.endsWith(".wmv") || lower.endsWith(".wma"));
    }

    private static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '\\' || c >= 0x80 && c < 0xA0) {
                return false;
            }
        }
        return true;
    }
}
