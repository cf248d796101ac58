package org.asfcast.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.asfcast.writer.WriterSink;

/**
 * A sink that passes every call to the one it wraps; the command's wrappers ({@link OnFirstHeader},
 * {@link FailureNotice}) override only the calls they watch.
 */
abstract class ForwardingSink implements WriterSink {
    private final WriterSink sink;

    ForwardingSink(WriterSink sink) {
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
