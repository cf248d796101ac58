package org.asfcast.writer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A sink (a recording) that remembers the kinds of call it gets and fails its data units as a full disk does. */
final class FailingSink implements WriterSink {
    final List<String> calls = new ArrayList<>();
    /** Set to make every data unit from now on fail. */
    boolean failing;
    private final String message;
    private final int failAfterCalls;

    /** A sink that fails only once {@link #failing} is set, with {@code message}. */
    FailingSink(String message) {
        this(message, Integer.MAX_VALUE);
    }

    /** A sink whose data units fail with {@code message} once it has had {@code failAfterCalls} calls. */
    FailingSink(String message, int failAfterCalls) {
        this.message = message;
        this.failAfterCalls = failAfterCalls;
    }

    @Override
    public void onHeader(ByteBuffer header) {
        calls.add("header");
    }

    @Override
    public boolean isRealTime() {
        return false;
    }

    @Override
    public void onDataUnit(ByteBuffer dataUnit) throws IOException {
        calls.add("data");
        if (failing || calls.size() > failAfterCalls) {
            throw new IOException(message);
        }
    }

    @Override
    public void onEndWriting() {
        calls.add("end");
    }
}
