package org.asfcast.client.relay;

import java.io.IOException;

/** A relay gave up: its origin could not be played for the grace period. The message names the URL and why. */
public final class RelayException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message a sentence naming the point, the origin's URL and why it ended */
    public RelayException(String message) {
        super(message);
    }
}
