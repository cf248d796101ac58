package org.asfcast.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import org.asfcast.writer.ForwardingSink;
import org.asfcast.writer.WriterSink;

/**
 * A sink that behaves exactly as the one it wraps and, when that one fails, prints the failure
 * as one line on standard error before passing it on. The source's delivery then sets the sink
 * aside and the broadcast goes on, so this line is all a user sees of it ({@code serve --record}
 * on a full disk). The sources build their deliveries themselves; wrapping the sink is how the
 * command hears of a failure without reaching into them.
 */
final class FailureNotice extends ForwardingSink {
    private final PrintWriter err;
    private boolean told;

    FailureNotice(WriterSink sink, PrintWriter err) {
        super(sink);
        this.err = err;
    }

    /** One call on the wrapped sink. */
    private interface Call {
        void run() throws IOException;
    }

    @Override
    public void onHeader(ByteBuffer header) throws IOException {
        telling(() -> super.onHeader(header));
    }

    @Override
    public void onDataUnit(ByteBuffer dataUnit) throws IOException {
        telling(() -> super.onDataUnit(dataUnit));
    }

    @Override
    public void onEndWriting() throws IOException {
        telling(super::onEndWriting);
    }

    private void telling(Call call) throws IOException {
        try {
            call.run();
        } catch (IOException | RuntimeException e) {
            if (!told) {
                told = true; // the writer calls from one thread at a time
                err.println("asfcast: " + Failures.sentence(e));
                err.flush();
            }
            throw e;
        }
    }
}
