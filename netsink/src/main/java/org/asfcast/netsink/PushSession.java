package org.asfcast.netsink;

import io.netty.util.concurrent.ScheduledFuture;
import org.asfcast.netsink.wire.PushedStream;

/**
 * An MS-WMHTTP push session: the state a PushSetup creates under its push-id and every PushStart
 * with that push-id continues (a re-POST every ~2 GB, or after a dropped connection): its stream's
 * ASF side and the stream the point's source reads. Guarded by its {@link PushIngest}.
 */
final class PushSession {

    final String id;
    final PushedStream stream = new PushedStream();
    PublishedBody body; // from the first PushStart
    ScheduledFuture<?> expiry; // while no PushStart feeds it
    String credential = "push-id"; // what its PushSetup (or first PushStart) was let in with

    PushSession(String id) {
        this.id = id;
    }

    /** The push-id cut to its first 4 characters, for the log (it is the session's credential). */
    String shownId() {
        return id.length() <= 4 ? id : id.substring(0, 4) + "…";
    }
}
