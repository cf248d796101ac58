package org.asfcast.netsink;

import java.util.function.Consumer;

/**
 * Where an on-demand player's {@code $D} chunks come from, in packet order: the file's shared
 * mapping ({@link MappedFeed}), or, for a player that selected some streams, its own rewritten
 * copies ({@link RewrittenFeed}). {@link ArchiveSession} decides when packets go out; a feed only
 * knows which are ready and how to frame them. Used on the player's event loop, but for the work a
 * {@link #fetch} hands to a reader thread.
 */
interface PacketFeed {

    /**
     * How many packets from {@code packet} can be written now without blocking: 0 when they must be
     * fetched first. Never more than the file has.
     */
    int ready(long packet);

    /**
     * Makes packets from {@code packet} ready, off the loop, then calls {@code done} on the loop with
     * null, or with the failure (the file changed on disk, the reader is stopping). One at a time.
     */
    void fetch(long packet, Consumer<Exception> done);

    /**
     * Writes {@code count} ready packets from {@code first} to the player's channel as {@code $D} chunks
     * numbered by their place in the file (not flushed) and returns the bytes written.
     */
    long write(long first, int count);

    /** Lets go of what the feed holds; called once, on the loop, with no fetch out. */
    void release();
}
