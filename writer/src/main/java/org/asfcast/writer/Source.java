package org.asfcast.writer;

import java.io.IOException;
import java.util.List;

/**
 * Where a broadcast comes from: a test pattern, a file replayed in real time, or a live ASF pipe.
 * {@link #run} feeds the sinks the way a writer does: {@code onHeader} first, then data units, then
 * {@code onEndWriting} when the input ends or {@link #stop()} is called.
 */
public interface Source {

    /**
     * Broadcasts into {@code sinks} until the input ends or {@link #stop()} is called; the sinks
     * get {@code onEndWriting} before this returns, whichever way it ends.
     *
     * @throws IOException when the input cannot be read or is not valid ASF (an
     *                     {@link org.asfcast.asf.AsfFormatException} cause names the byte offset),
     *                     or a sink fails
     */
    void run(List<WriterSink> sinks) throws IOException, InterruptedException;

    /** From any thread: end the broadcast soon and cleanly. */
    void stop();

    /** What is being broadcast, in a few words, for the command's messages. */
    String describe();
}
