package org.asfcast.netsink;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The streams a player selected ({@code stream-switch-entry}) when they are not all of the
 * broadcast's: the key under which the ring keeps one rewritten copy of each packet, shared by
 * every player with the same selection. Tied to a header generation, since a new header may number
 * its streams differently. Pure.
 *
 * @param streams    the selected stream numbers, all declared by the header (possibly none)
 * @param generation the header generation they were chosen from
 */
record StreamSelection(Set<Integer> streams, long generation) {

    StreamSelection {
        streams = Set.copyOf(streams);
    }

    /**
     * The selection a player receives, or empty when it gets every stream (no entries, or entries
     * naming every stream): then it reads the shared ring itself, without a copy.
     *
     * @param requested what the player's Pragmas select (see {@code Pragmas.selectedStreams}), empty when none
     */
    static Optional<StreamSelection> of(Optional<Set<Integer>> requested, BroadcastHeader header) {
        return narrowed(requested, header.streams()).map(known -> new StreamSelection(known, header.generation()));
    }

    /**
     * The streams of {@code declared} a player selected, or empty when it gets every stream (no
     * entries, or entries naming every declared stream). Shared by broadcasts and files on demand.
     *
     * @param requested what the player's Pragmas select, empty when none
     * @param declared  the stream numbers the header declares
     */
    static Optional<Set<Integer>> narrowed(Optional<Set<Integer>> requested, Set<Integer> declared) {
        if (requested.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> known = new TreeSet<>(requested.get());
        known.retainAll(declared);
        if (known.equals(declared)) {
            return Optional.empty();
        }
        return Optional.of(Set.copyOf(known));
    }

    /** The selected video streams (where a joiner must start at a key frame). */
    Set<Integer> videoStreams(BroadcastHeader header) {
        Set<Integer> video = new TreeSet<>(streams);
        video.retainAll(header.videoStreams());
        return Set.copyOf(video);
    }
}
