package org.asfcast.cli.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between the running config and the one a reload read: per point, and for the
 * server as a whole. Pure: it compares values and touches nothing.
 *
 * @param points every path of either config: the new file's in its order, then the removed ones
 * @param serverSettingsChanged whether the server-wide limits or the advertised host differ
 * @param listenerChanged whether {@code port} or {@code bind} differ: a running server cannot
 *     change those, so such a reload is to be refused (see {@link #listenerChange()})
 */
public record ConfigDiff(Map<String, PointChange> points, boolean serverSettingsChanged, boolean listenerChanged) {

    /** Copies the map, keeping its order. */
    public ConfigDiff {
        points = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(points));
    }

    /** Compares {@code old} (running) with {@code next} (just read). */
    public static ConfigDiff between(ServerConfig old, ServerConfig next) {
        Map<String, PointChange> points = new LinkedHashMap<>();
        for (PointConfig p : next.points()) {
            points.put(p.path(), old.point(p.path()).map(o -> change(o, p)).orElse(PointChange.ADDED));
        }
        for (PointConfig o : old.points()) {
            points.putIfAbsent(o.path(), PointChange.REMOVED);
        }
        boolean server = !old.limits().equals(next.limits()) || !old.host().equals(next.host());
        boolean listener = old.port() != next.port() || !old.bind().equals(next.bind());
        return new ConfigDiff(points, server, listener);
    }

    private static PointChange change(PointConfig old, PointConfig next) {
        if (old.source() instanceof PushSource && next.source() instanceof PushSource && !old.source().equals(next.source())) {
            return PointChange.SETTINGS_CHANGED; // new credentials and times apply in place: a publisher streaming goes on
        }
        if (!old.source().equals(next.source())) {
            return PointChange.SOURCE_CHANGED;
        }
        return old.settings().equals(next.settings()) && old.guard().equals(next.guard()) ? PointChange.UNCHANGED
                : PointChange.SETTINGS_CHANGED;
    }

    /** The paths with this change, in {@link #points()} order. */
    public List<String> paths(PointChange change) {
        return points.entrySet().stream().filter(e -> e.getValue() == change).map(Map.Entry::getKey).toList();
    }

    /** Whether applying this diff changes nothing at all. */
    public boolean isEmpty() {
        return !serverSettingsChanged && !listenerChanged && points.values().stream().allMatch(c -> c == PointChange.UNCHANGED);
    }

    /**
     * Why the reload cannot be applied to a running server, phrased for the log, when
     * {@code port} or {@code bind} changed; empty otherwise.
     */
    public Optional<String> listenerChange() {
        return listenerChanged ? Optional.of("port and bind cannot change while the server runs; restart asfcast to apply them"
                + " (the running config stays)") : Optional.empty();
    }
}
