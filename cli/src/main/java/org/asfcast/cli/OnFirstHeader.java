package org.asfcast.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.asfcast.writer.WriterSink;

/**
 * A sink that behaves exactly as the one it wraps and runs an action once, right after the wrapped
 * sink has taken its first header. {@code serve} announces its URLs this way: until the network
 * sink has a header it answers players with 503, so a URL printed earlier would invite a player
 * to fail (a player started by a script the moment the URL appears did).
 */
final class OnFirstHeader implements WriterSink {
    private final WriterSink sink;
    private Runnable action;

    OnFirstHeader(WriterSink sink, Runnable action) {
        this.sink = sink;
        this.action = action;
    }

    @Override
    public void onHeader(ByteBuffer header) throws IOException {
        sink.onHeader(header);
        Runnable once = action;
        action = null; // the writer calls from one thread at a time
        if (once != null) {
            once.run();
        }
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
}
