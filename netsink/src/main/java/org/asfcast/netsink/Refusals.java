package org.asfcast.netsink;

import java.net.InetSocketAddress;
import java.time.Instant;
import org.asfcast.netsink.wire.ClientRequest;

/** Tells observers of a refused request; the one place a {@link Refusal} is made. */
final class Refusals {

    private Refusals() {
    }

    /**
     * Tells {@code observer} that {@code request} (null: its head could not be read) from {@code remote}
     * for the point at {@code point} (empty: none) got {@code status} and {@code sentence}.
     */
    static void tell(ServerObserver observer, String point, InetSocketAddress remote, ClientRequest request, int status,
                     String sentence) {
        if (!observer.watching()) {
            return;
        }
        observer.refused(new Refusal(point, remote, request == null ? "" : request.userAgent(),
                request == null ? "" : PlayerRequest.uriOf(request), status, sentence, Instant.now()));
    }
}
