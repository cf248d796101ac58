package org.asfcast.netsink;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector (PARANOID in this module's tests) reported a
 * buffer that was garbage-collected without being released. Registered for every test class by
 * JUnit's extension autodetection; the reports reach it through a Logback appender.
 */
public final class NettyLeakWatch implements AfterAllCallback {

    private static final List<String> LEAKS = new ArrayList<>();

    /** The Logback appender (named in logback-test.xml) that records the leak detector's reports. */
    public static final class Recorder extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getFormattedMessage().contains("LEAK")) {
                synchronized (LEAKS) {
                    LEAKS.add(event.getFormattedMessage());
                }
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        // The detector reports a leak when it next tracks a buffer after the leaked one was collected.
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(50);
            for (int i = 0; i < 50; i++) {
                ByteBuf a = PooledByteBufAllocator.DEFAULT.directBuffer(64);
                ByteBuf b = UnpooledByteBufAllocator.DEFAULT.heapBuffer(64);
                a.release();
                b.release();
            }
        }
        List<String> found;
        synchronized (LEAKS) {
            found = new ArrayList<>(LEAKS);
            LEAKS.clear();
        }
        if (!found.isEmpty()) {
            throw new AssertionError("Netty reported " + found.size() + " leaked buffer(s) in "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", found));
        }
    }
}
