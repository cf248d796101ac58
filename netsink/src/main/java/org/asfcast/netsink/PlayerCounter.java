package org.asfcast.netsink;

import org.asfcast.netsink.wire.ClientProtocol;

/**
 * Takes each player's counters in a walk of a point's players ({@link PublishingPoint#clients(int,
 * PlayerCounter)}) without a {@link ClientInfo} made for each: an operator's once-a-second walk
 * beside thousands of players would otherwise make a record per player per second for the
 * collector (docs/benchmarks.md, the operator side).
 */
@FunctionalInterface
public interface PlayerCounter {

    /** One player: how it plays, what it was sent and how many packets it was skipped past. */
    void count(ClientProtocol protocol, long bytesSent, long packetsSkipped);
}
