package org.asfcast.netsink;

/**
 * Receives the sink's client events (the SDK's {@code WMT_CLIENT_CONNECT_EX},
 * {@code WMT_CLIENT_DISCONNECT_EX} and {@code WMT_CLIENT_PROPERTIES}). Events arrive one at a time,
 * in the order they happened, on the sink's event thread: never on a network thread, so a slow
 * listener delays only other events.
 */
public interface SinkListener {

    /** A client's stream started. */
    default void clientConnected(ClientInfo client) {
    }

    /** A client's stream ended, and why. */
    default void clientDisconnected(ClientInfo client, DisconnectReason reason) {
    }

    /** A client's properties changed (its DNS name arrived). */
    default void clientPropertiesChanged(ClientInfo client) {
    }
}
