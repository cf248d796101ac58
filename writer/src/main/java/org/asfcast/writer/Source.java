package org.asfcast.writer;

import java.io.IOException;
import java.util.List;
import org.asfcast.asf.AsfFormatException;

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
     * @throws IOException        when the input cannot be read, or a sink fails
     * @throws AsfFormatException when the input is not valid ASF (the message names the byte offset)
     */
    void run(List<WriterSink> sinks) throws IOException, AsfFormatException, InterruptedException;

    /** From any thread: end the broadcast soon and cleanly. */
    void stop();

    /** What is being broadcast, in a few words, for the command's messages. */
    String describe();
}
