package org.asfcast.client.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.asfcast.writer.WriterSink;

/**
 * A sink as it is, but not asking for real-time delivery: a relay's packets come when the origin
 * sends them, already paced. Pacing them again by their send times would hold back the burst an
 * origin sends a joining edge (the ring from its newest key frame) and keep the edge that far
 * behind, with the backlog sitting in the origin's socket buffers and its ring.
 */
final class UnpacedSink implements WriterSink {

    private final WriterSink sink;

    UnpacedSink(WriterSink sink) {
        this.sink = sink;
    }

    @Override
    public void onHeader(ByteBuffer header) throws IOException {
        sink.onHeader(header);
    }

    @Override
    public boolean isRealTime() {
        return false;
    }

    @Override
    public ByteBuffer allocateDataUnit(int size) {
        return sink.allocateDataUnit(size);
    }

    @Override
    public void onDataUnit(ByteBuffer dataUnit) throws IOException {
        sink.onDataUnit(dataUnit);
    }

    @Override
    public void onEndWriting() throws IOException {
        sink.onEndWriting();
    }
}
