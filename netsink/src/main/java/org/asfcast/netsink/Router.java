package org.asfcast.netsink;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which publishing point a request's path names: pure and immutable, so a server swaps a whole
 * new router in at once on a change (a request sees the old table or the new one, never half).
 *
 * <p>A point's path matches exactly, ignoring one trailing '/' on either side ("/radio" and
 * "/radio/" are the same point). The path plus {@value #METAFILE_SUFFIX} names the point's ASX
 * metafile ("/radio.asx"; the point at "/" has "/.asx"), unless a point has that path itself.
 *
 * <p>A <em>folder</em> point (an archive of files) also gets every path below its own, as a
 * {@link InFolder} route with the rest of the path; the deepest folder wins, and a point's own
 * path or metafile always wins over a folder above it. So "/archive/a/b.wmv" is "a/b.wmv" in the
 * folder point "/archive", and a folder point at "/" gets whatever no other point has.
 *
 * @param <P> what a point is (the server's {@link BroadcastPoint}; anything in tests)
 */
public final class Router<P> {

    /** The ending that asks for a point's metafile rather than its stream. */
    public static final String METAFILE_SUFFIX = ".asx";

    /** What a path leads to. */
    public sealed interface Route<P> {
    }

    /** The stream of a point. */
    public record Stream<P>(String path, P point) implements Route<P> {
    }

    /** The ASX metafile of a point. */
    public record Metafile<P>(String path, P point) implements Route<P> {
    }

    /**
     * A path in a folder point: {@code relative} is the rest of the path after the point's own and
     * its '/', as the request had it (percent-decoded; empty for the folder itself). It is not
     * checked: the point resolves it against its folder.
     */
    public record InFolder<P>(String path, P point, String relative) implements Route<P> {
    }

    /** No point has this path. */
    public record NoPoint<P>() implements Route<P> {
    }

    private final Map<String, P> points;
    private final Set<String> folders;

    private Router(Map<String, P> points, Set<String> folders) {
        this.points = points;
        this.folders = folders;
    }

    /** A router with no point. */
    public static <P> Router<P> empty() {
        return new Router<>(Map.of(), Set.of());
    }

    /**
     * A router for these points, by path.
     *
     * @throws IllegalArgumentException when a path is not a point path ({@link #checkPath}), or two
     *                                  paths name the same point
     */
    public static <P> Router<P> of(Map<String, P> byPath) {
        Map<String, P> table = new LinkedHashMap<>();
        byPath.forEach((path, point) -> {
            checkPath(path);
            if (table.put(normal(path), Objects.requireNonNull(point, "point")) != null) {
                throw new IllegalArgumentException("two points have the path " + normal(path));
            }
        });
        return new Router<>(Collections.unmodifiableMap(table), Set.of());
    }

    /** This router with {@code point} at {@code path} (replacing what was there). */
    public Router<P> with(String path, P point) {
        return with(path, point, false);
    }

    /** This router with the folder point {@code point} at {@code path} (replacing what was there). */
    public Router<P> withFolder(String path, P point) {
        return with(path, point, true);
    }

    private Router<P> with(String path, P point, boolean folder) {
        checkPath(path);
        Map<String, P> table = new LinkedHashMap<>(points);
        table.put(normal(path), Objects.requireNonNull(point, "point"));
        Set<String> nextFolders = new HashSet<>(folders);
        if (folder) {
            nextFolders.add(normal(path));
        } else {
            nextFolders.remove(normal(path));
        }
        return new Router<>(Collections.unmodifiableMap(table), Set.copyOf(nextFolders));
    }

    /** This router without the point at {@code path}. */
    public Router<P> without(String path) {
        Map<String, P> table = new LinkedHashMap<>(points);
        table.remove(normal(path));
        Set<String> nextFolders = new HashSet<>(folders);
        nextFolders.remove(normal(path));
        return new Router<>(Collections.unmodifiableMap(table), Set.copyOf(nextFolders));
    }

    /** Where a request for {@code requestPath} (percent-decoded, no query) goes. */
    public Route<P> route(String requestPath) {
        String path = normal(requestPath);
        P point = points.get(path);
        if (point != null) {
            return folders.contains(path) ? new InFolder<>(path, point, "") : new Stream<>(path, point);
        }
        if (path.endsWith(METAFILE_SUFFIX)) {
            String stem = path.substring(0, path.length() - METAFILE_SUFFIX.length());
            String pointPath = stem.isEmpty() ? "/" : stem;
            P named = points.get(pointPath);
            if (named != null && !folders.contains(pointPath)) {
                return new Metafile<>(pointPath, named);
            }
        }
        // The deepest folder point above the path; the raw path keeps its trailing '/', which says "a folder".
        for (int slash = requestPath.lastIndexOf('/'); slash >= 0; slash = requestPath.lastIndexOf('/', slash - 1)) {
            String folder = slash == 0 ? "/" : requestPath.substring(0, slash);
            if (folders.contains(folder)) {
                return new InFolder<>(folder, points.get(folder), requestPath.substring(slash + 1));
            }
            if (slash == 0) {
                break;
            }
        }
        return new NoPoint<>();
    }

    /** Whether the point at {@code path} is a folder point. */
    public boolean isFolder(String path) {
        return folders.contains(normal(path));
    }

    /** The point at {@code path}, if any. */
    public Optional<P> point(String path) {
        return Optional.ofNullable(points.get(normal(path)));
    }

    /** Every point by its path, in the order they were added. */
    public Map<String, P> points() {
        return points;
    }

    /** How many points there are. */
    public int size() {
        return points.size();
    }

    /**
     * Checks that {@code path} can name a point: it starts with '/' and has no "." or ".." segment,
     * no empty segment, no control character, and does not end in {@value #METAFILE_SUFFIX}.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    public static void checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a point's path starts with '/': " + ClientText.printable(path));
        }
        String p = normal(path);
        if (p.length() > 1) {
            for (String segment : p.substring(1).split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException("a point's path has no empty, '.' or '..' part: "
                            + ClientText.printable(path));
                }
            }
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException("a point's path has no control characters: " + ClientText.printable(path));
            }
        }
        if (p.endsWith(METAFILE_SUFFIX)) {
            throw new IllegalArgumentException("a point's path cannot end in " + METAFILE_SUFFIX
                    + ", which names its metafile: " + ClientText.printable(path));
        }
    }

    /** The path with one trailing '/' removed (but "/" stays "/"). */
    static String normal(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
