package org.asfcast.client.relay;

import org.asfcast.writer.ForwardingSink;
import org.asfcast.writer.WriterSink;

/**
 * A sink as it is, but not asking for real-time delivery: a relay's packets come when the origin
 * sends them, already paced. Pacing them again by their send times would hold back the burst an
 * origin sends a joining edge (the ring from its newest key frame) and keep the edge that far
 * behind, with the backlog sitting in the origin's socket buffers and its ring.
 */
final class UnpacedSink extends ForwardingSink {

    UnpacedSink(WriterSink sink) {
        super(sink);
    }

    @Override
    public boolean isRealTime() {
        return false;
    }
}
