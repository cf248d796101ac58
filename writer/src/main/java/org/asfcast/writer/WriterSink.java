package org.asfcast.writer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where a writer delivers what it produces: the SDK's {@code IWMWriterSink}.
 *
 * <p>The writer calls {@link #onHeader} before any data unit, and may call it again later (a new
 * header for the same broadcast). A data unit is one complete ASF data packet of the header's
 * fixed packet size. Calls come from one writer thread at a time and never overlap.
 */
public interface WriterSink {

    /**
     * The ASF header is ready: the Header Object followed by the 50-byte Data Object header, as the
     * first bytes of an ASF file would be. Always arrives before any data unit; may arrive again.
     * The sink must copy what it keeps; the buffer's content is valid only during the call.
     */
    void onHeader(ByteBuffer header) throws IOException;

    /** Whether this sink needs data units delivered in real time (the writer then paces them). */
    boolean isRealTime();

    /**
     * A buffer for the next data unit, with at least {@code size} bytes remaining. Sinks may pool
     * buffers; the default allocates a fresh heap buffer.
     */
    default ByteBuffer allocateDataUnit(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("data unit size must be positive, was " + size);
        }
        return ByteBuffer.allocate(size);
    }

    /**
     * One ASF data packet, between the buffer's position and limit. The buffer belongs to the sink
     * from now on: the writer does not touch it again.
     */
    void onDataUnit(ByteBuffer dataUnit) throws IOException;

    /** Writing is complete: the sink concludes its work (a file sink finishes its file). */
    void onEndWriting() throws IOException;
}
