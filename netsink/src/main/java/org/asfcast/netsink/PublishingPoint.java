package org.asfcast.netsink;

import io.netty.channel.EventLoop;
import java.util.List;

/**
 * What a {@link StreamingServer} publishes at a path: a live {@link BroadcastPoint}, or an
 * {@link ArchivePoint} that serves a folder of files on demand. The server routes requests to it
 * and, through these methods, takes it onto its event loops and off them again.
 */
public abstract sealed class PublishingPoint permits BroadcastPoint, ArchivePoint {

    /** Who watches its players for the operator; the server that publishes it sets this. */
    volatile ServerObserver observer = ServerObserver.NONE;
    /** Who may play it; read for each request, so a new guard applies to the next one. */
    private volatile PointGuard guard = PointGuard.OPEN;

    PublishingPoint() {
    }

    /** Who may play it: tokens and users ({@link PointGuard#OPEN} unless set). */
    public PointGuard guard() {
        return guard;
    }

    /** Sets who may play it from the next request on; players already playing stay. */
    public void guard(PointGuard next) {
        guard = java.util.Objects.requireNonNull(next, "guard");
    }

    /** A snapshot of the players it streams to now, in order of arrival. */
    public java.util.List<ClientInfo> clients() {
        return clients(Integer.MAX_VALUE, (protocol, bytesSent, packetsSkipped) -> { });
    }

    /**
     * One walk of the players it streams to now: every one counted into {@code counter}, and the
     * first {@code listed} of them, in order of arrival, returned as records (the rest are not made).
     */
    public abstract java.util.List<ClientInfo> clients(int listed, PlayerCounter counter);

    /** The name given when it was made (its path, in logs). */
    public abstract String name();

    /** How many players it streams to now. */
    public abstract int clientCount();

    /**
     * Drops the player with this {@link ClientInfo#id()}: its session is closed on its own event
     * loop with {@link DisconnectReason#KICKED}, and its observers hear so; the others go on.
     * Returns whether such a player was streaming (it may be gone a moment after this returns true).
     */
    public abstract boolean kick(long id);

    /** Drops every player at once (the SDK's {@code Disconnect}); new players can join right after. */
    public abstract void disconnect();

    /** Joins a server's event loops. @throws IllegalStateException when it is on a server already */
    abstract void attach(List<EventLoop> eventLoops);

    /**
     * Leaves the server: every player is dropped with {@code reason} (on its loop, or from here
     * once {@code loopsStopped}).
     */
    abstract void detach(DisconnectReason reason, boolean loopsStopped);

    /** Drops the players of a server whose loops are about to stop; {@link #detach} follows. */
    abstract void dropForClose(DisconnectReason reason);

    /** Ends every player's stream cleanly ({@code $E}), as a withdrawn point does before it leaves. */
    abstract void endStreams();

    /** Slots its players hold, for the server-wide player limit. */
    abstract int streamingClients();

    /** The outgoing bit rate its players need, for the server-wide bandwidth limit. */
    abstract long outgoingBitsPerSecond();
}
