package org.asfcast.netsink;

/** What happens to a client that falls behind the oldest packet the broadcast ring still holds. */
public enum SlowClientPolicy {
    /** Jump ahead to the newest video key frame start (the default); the skipped packets are counted. */
    SKIP,
    /** Disconnect the client with {@link DisconnectReason#SLOW}. */
    DROP
}
