package org.asfcast.writer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A sink that passes every call to the one it wraps; a wrapper (the command's watchers of a
 * broadcast, a relay's unpaced sinks) overrides only the calls it changes.
 */
public abstract class ForwardingSink implements WriterSink {
    private final WriterSink sink;

    /** A sink passing every call to {@code sink}. */
    protected ForwardingSink(WriterSink sink) {
        this.sink = sink;
    }

    @Override
    public void onHeader(ByteBuffer header) throws IOException {
        sink.onHeader(header);
    }

    @Override
    public boolean isRealTime() {
        return sink.isRealTime();
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

    @Override
    public String toString() {
        return sink.toString();
    }
}
