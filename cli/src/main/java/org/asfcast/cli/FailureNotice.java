package org.asfcast.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import org.asfcast.writer.WriterSink;

/**
 * A sink that behaves exactly as the one it wraps and, when that one fails, prints the failure
 * as one line on standard error before passing it on. The source's delivery then sets the sink
 * aside and the broadcast goes on, so this line is all a user sees of it ({@code serve --record}
 * on a full disk). The sources build their deliveries themselves; wrapping the sink is how the
 * command hears of a failure without reaching into them.
 */
final class FailureNotice implements WriterSink {
    private final WriterSink sink;
    private final PrintWriter err;
    private boolean told;

    FailureNotice(WriterSink sink, PrintWriter err) {
        this.sink = sink;
        this.err = err;
    }

    @Override
    public void onHeader(ByteBuffer header) throws IOException {
        try {
            sink.onHeader(header);
        } catch (IOException | RuntimeException e) {
            tell(e);
            throw e;
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
        try {
            sink.onDataUnit(dataUnit);
        } catch (IOException | RuntimeException e) {
            tell(e);
            throw e;
        }
    }

    @Override
    public void onEndWriting() throws IOException {
        try {
            sink.onEndWriting();
        } catch (IOException | RuntimeException e) {
            tell(e);
            throw e;
        }
    }

    private void tell(Exception failure) {
        if (!told) {
            told = true; // the writer calls from one thread at a time
            err.println("asfcast: " + Failures.sentence(failure));
            err.flush();
        }
    }

    @Override
    public String toString() {
        return sink.toString();
    }
}
