package org.asfcast.writer.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A command's standard output that says how long a read has been waiting for bytes (a stall is a
 * reader waiting, not a reader busy pacing) and whether reading it failed.
 */
final class WatchedOutput extends FilterInputStream {

    private static final long NOT_WAITING = Long.MIN_VALUE;

    private volatile long waitingSince = NOT_WAITING;
    private volatile boolean failed;
    private volatile long bytesRead;

    WatchedOutput(InputStream in) {
        super(in);
    }

    /** How long the current read has waited at {@code now} ({@link System#nanoTime()}); 0 when none waits. */
    long waitingNanos(long now) {
        long since = waitingSince;
        return since == NOT_WAITING ? 0 : now - since;
    }

    /** Bytes read so far. */
    long bytesRead() {
        return bytesRead;
    }

    /** Whether a read threw: the pipe broke, as opposed to a sink failing. */
    boolean failed() {
        return failed;
    }

    /**
     * A broken pipe shows here too: a reader through a channel asks what is available before each
     * read, and a process that ended (killed by a stop, say) has had its pipe taken away by then.
     */
    @Override
    public int available() throws IOException {
        try {
            return super.available();
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        waitingSince = System.nanoTime();
        try {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytesRead += n; // one reader thread: no lost update
            }
            return n;
        } catch (IOException e) {
            failed = true;
            throw e;
        } finally {
            waitingSince = NOT_WAITING;
        }
    }
}
