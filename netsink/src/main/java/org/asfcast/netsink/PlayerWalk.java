package org.asfcast.netsink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** The first players of a walk, in order of arrival, made into records. Pure. */
final class PlayerWalk {

    private PlayerWalk() {
    }

    /**
     * The first {@code listed} of {@code sessions} by id (ids rise in order of arrival), each made
     * into its record; {@code sessions} is sorted in place.
     */
    static <S> List<ClientInfo> firstListed(List<S> sessions, int listed, ToLongFunction<S> id,
                                            Function<S, ClientInfo> info) {
        int n = Math.min(sessions.size(), Math.max(0, listed));
        if (n == 0) {
            return List.of();
        }
        sessions.sort(Comparator.comparingLong(id));
        List<ClientInfo> first = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            first.add(info.apply(sessions.get(i)));
        }
        return first;
    }
}
