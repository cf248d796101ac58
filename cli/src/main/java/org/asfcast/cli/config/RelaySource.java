package org.asfcast.cli.config;

import org.asfcast.client.relay.RelaySettings;

/**
 * Another server's live stream, relayed: the point is an edge of that origin. Written
 * {@code relay: mmsh://origin:8080/live}, or as a mapping with the settings ({@link RelayReader}).
 *
 * @param settings the origin's URL, how it is asked, and how the relay keeps going
 */
public record RelaySource(RelaySettings settings) implements PointSource {

    @Override
    public String describe() {
        return "relay of " + settings.upstream().describe();
    }
}
