package org.asfcast.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.asfcast.writer.ForwardingSink;
import org.asfcast.writer.WriterSink;

/**
 * A sink that behaves exactly as the one it wraps and runs an action once, right after the wrapped
 * sink has taken its first header. {@code serve} announces its URLs this way: until the network
 * sink has a header it answers players with 503, so a URL printed earlier would invite a player
 * to fail (a player started by a script the moment the URL appears did).
 */
final class OnFirstHeader extends ForwardingSink {
    private Runnable action;

    OnFirstHeader(WriterSink sink, Runnable action) {
        super(sink);
        this.action = action;
    }

    @Override
    public void onHeader(ByteBuffer header) throws IOException {
        super.onHeader(header);
        Runnable once = action;
        action = null; // the writer calls from one thread at a time
        if (once != null) {
            once.run();
        }
    }
}
