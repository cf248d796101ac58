package org.asfcast.writer;

/**
 * Told when a sink fails and is set aside: the SDK's {@code NS_E_FILE_WRITE} status event, which
 * is how the SDK reports a full disk instead of failing the writer. The writer (or packet delivery)
 * calls no method of that sink again for the rest of the session and goes on with the others.
 */
@FunctionalInterface
public interface SinkFailureListener {

    /** A listener that does nothing. */
    SinkFailureListener NONE = (sink, failure) -> { };

    /**
     * {@code sink} failed with {@code failure} and gets nothing more this session. Called on the
     * writing thread, once per sink; it should return quickly and not throw.
     */
    void sinkFailed(WriterSink sink, Exception failure);
}
