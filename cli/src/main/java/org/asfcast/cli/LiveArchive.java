package org.asfcast.cli;

import org.asfcast.cli.config.OnDemandFolder;
import org.asfcast.cli.config.PointConfig;
import org.asfcast.netsink.ArchivePoint;

/**
 * An on-demand point of a running {@code asfcast server}: an {@link ArchivePoint} serving the
 * files under its folder. It has no source to run; new settings apply to the next request, and a
 * new folder is a new point ({@link LiveServer} replaces it).
 */
final class LiveArchive implements LivePoint {

    private final ArchivePoint point;
    private volatile PointConfig config;
    private volatile boolean stopped;

    private LiveArchive(PointConfig config, ArchivePoint point) {
        this.config = config;
        this.point = point;
    }

    /** The point for {@code config}, whose source is an {@link OnDemandFolder}. */
    static LiveArchive prepare(PointConfig config) {
        OnDemandFolder folder = (OnDemandFolder) config.source();
        LiveArchive live = new LiveArchive(config, new ArchivePoint(config.path(), folder.folder(), settings(config)));
        live.point.accessList().replace(config.settings().allow(), config.settings().deny());
        live.point.guard(PlayerGuards.of(config.guard()));
        return live;
    }

    private static org.asfcast.netsink.ArchiveSettings settings(PointConfig config) {
        return config.settings().archiveSettings();
    }

    @Override
    public PointConfig config() {
        return config;
    }

    @Override
    public ArchivePoint point() {
        return point;
    }

    @Override
    public String describe() {
        return config.source().describe();
    }

    @Override
    public boolean running() {
        return !stopped;
    }

    @Override
    public void start() {
        // Nothing runs: the point reads its files when players ask for them.
    }

    /** The player limit, fast start, idle timeout and bitrate objects apply to the next request; nobody is dropped. */
    @Override
    public void applySettings(PointConfig next) {
        point.apply(settings(next));
        point.accessList().replace(next.settings().allow(), next.settings().deny());
        if (!next.guard().equals(config.guard())) {
            point.guard(PlayerGuards.of(next.guard())); // an unchanged guard keeps its hook's cache
        }
        config = next;
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public void requestStop() {
        stopped = true;
    }

    @Override
    public String toString() {
        return config.path();
    }
}
