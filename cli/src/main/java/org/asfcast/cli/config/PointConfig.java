package org.asfcast.cli.config;

/**
 * One publishing point of the file.
 *
 * @param path starts with '/', without a trailing '/' (except the root point "/"), unique in the file
 * @param source where its broadcast comes from
 * @param settings what it does with its players
 */
public record PointConfig(String path, PointSource source, PointSettings settings) {
}
