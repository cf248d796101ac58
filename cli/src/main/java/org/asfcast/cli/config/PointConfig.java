package org.asfcast.cli.config;

/**
 * One publishing point of the file.
 *
 * @param path starts with '/', without a trailing '/' (except the root point "/"), unique in the file
 * @param source where its broadcast comes from
 * @param settings what it does with its players
 * @param guard who may play it (tokens, a token hook, users)
 */
public record PointConfig(String path, PointSource source, PointSettings settings, GuardConfig guard) {

    /** A point anyone may play. */
    public PointConfig(String path, PointSource source, PointSettings settings) {
        this(path, source, settings, GuardConfig.OPEN);
    }
}
