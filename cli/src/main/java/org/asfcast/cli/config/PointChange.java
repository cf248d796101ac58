package org.asfcast.cli.config;

/** What a reload does to one point, by path. */
public enum PointChange {
    /** New in the file: start it. */
    ADDED,
    /** Gone from the file: end its players with {@code $E}, stop its source. */
    REMOVED,
    /** Nothing differs: leave it and its players untouched. */
    UNCHANGED,
    /**
     * Only its {@link PointSettings} differ (limits, access lists, slow-player policy, stall
     * timeout, join burst, start mode, idle stop): apply them without dropping anyone.
     */
    SETTINGS_CHANGED,
    /**
     * Its {@link PointSource} differs (the source, loop, test-pattern options, restart grace):
     * restart that point's source. Its settings may have changed as well: apply them too.
     */
    SOURCE_CHANGED
}
