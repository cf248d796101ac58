package org.asfcast.cli;

import java.io.IOException;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.cli.config.OnDemandFolder;
import org.asfcast.cli.config.PointConfig;
import org.asfcast.netsink.PublishingPoint;

/**
 * One publishing point of a running {@code asfcast server}: a broadcast fed by its source
 * ({@link LiveBroadcast}) or a folder served on demand ({@link LiveArchive}).
 */
sealed interface LivePoint permits LiveBroadcast, LiveArchive {

    /**
     * The point {@code config} describes, ready to publish (a broadcast's source made, files opened
     * and checked), not yet running.
     *
     * @throws IOException        when a source's input cannot be opened
     * @throws AsfFormatException when a source's file is not usable ASF
     */
    static LivePoint prepare(PointConfig config, ServerLog log) throws IOException, AsfFormatException {
        return config.source() instanceof OnDemandFolder ? LiveArchive.prepare(config) : LiveBroadcast.prepare(config, log);
    }

    /** The config it runs with. */
    PointConfig config();

    /** What the server publishes at the point's path. */
    PublishingPoint point();

    /** Its source in a few words, for the banner and the log. */
    String describe();

    /** Whether it still serves (a broadcast's source runs; an on-demand point until stopped). */
    boolean running();

    /** Starts its source, if it has one. */
    void start();

    /** Applies {@code next}'s settings (same path and source) without dropping anyone. */
    void applySettings(PointConfig next);

    /** Stops it and waits for its source to end. */
    void stop() throws InterruptedException;

    /** Stops it without waiting (a stop signal). */
    void requestStop();
}
