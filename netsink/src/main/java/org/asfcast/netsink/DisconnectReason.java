package org.asfcast.netsink;

/** Why a client's session ended. */
public enum DisconnectReason {
    /** The client closed the connection (cleanly, or with a reset). */
    CLIENT_LEFT,
    /** {@link NetworkSink#disconnect()} dropped every client. */
    DISCONNECT,
    /** {@link NetworkSink#close()} dropped every client and released the port. */
    CLOSE,
    /** Writing ended ({@code onEndWriting}), or a different header replaced the broadcast. */
    END_OF_STREAM,
    /**
     * The client could not keep up and the policy is {@link SlowClientPolicy#DROP}, or the newest
     * packet it took fell more than {@link NetworkSinkConfig#stallTimeout()} of broadcast time
     * behind the newest one produced (it reads slower than the stream, or not at all).
     */
    SLOW,
    /**
     * The sink was full when a new player asked, and this client, behind the broadcast by more than
     * {@link NetworkSink#DISPLACE_AFTER} of broadcast time, gave its slot to the newcomer.
     */
    DISPLACED,
    /** Something other than the client's leaving ended the session (a bug or an internal failure). */
    ERROR,
    /** An operator dropped this one player ({@link PublishingPoint#kick(long)}, the admin listener's kick). */
    KICKED
}
