package org.asfcast.netsink;

/**
 * How far one client is behind the broadcast, in broadcast time: the send time of the newest
 * packet it has wholly taken, against the newest packet produced. Measured against packets
 * produced, not wall time, so a source that stalls makes nobody a laggard; and against bytes the
 * client took, not the channel's writability, so a flickering socket does not restart the count.
 *
 * <p>Its session records a mark (bytes written so far, send time of the last packet written) after
 * each delivery pass that wrote something, and asks for the lag with the bytes taken so far. Marks
 * are dropped as soon as they are taken, so a client that keeps up holds one or two; a laggard
 * holds at most {@value #MAX_MARKS} (the newest then absorbs later writes, which can only make the
 * lag look larger by less than one pass). Pure: no clock, no socket; one session's loop uses it.
 */
final class DeliveryLag {

    static final int MAX_MARKS = 256;

    private long[] ends = new long[4];
    private long[] sendTimes = new long[4];
    private int head;
    private int size;
    private long written;
    private long takenUpTo;

    /**
     * A client that joins when the newest packet produced has send time {@code joinSendTime} (ms),
     * or {@link Long#MIN_VALUE} when none is held yet (it then counts from the first one it sees):
     * what it is sent at once on joining is not held against it.
     */
    DeliveryLag(long joinSendTime) {
        this.takenUpTo = joinSendTime;
    }

    /** After a pass: {@code bytesWritten} in all so far, the last of them in a packet sent at {@code sendTime}. */
    void written(long bytesWritten, long sendTime) {
        written = bytesWritten;
        if (size == MAX_MARKS) {
            int last = (head + size - 1) & (ends.length - 1);
            ends[last] = bytesWritten;
            sendTimes[last] = sendTime;
            return;
        }
        if (size == ends.length) {
            grow();
        }
        int i = (head + size++) & (ends.length - 1);
        ends[i] = bytesWritten;
        sendTimes[i] = sendTime;
    }

    /**
     * The lag in milliseconds of broadcast time, given the bytes the client has taken so far and
     * the send time of the newest packet produced: 0 when it has taken everything written to it.
     */
    long lagMillis(long taken, long newestSendTime) {
        if (takenUpTo == Long.MIN_VALUE) {
            takenUpTo = newestSendTime;
        }
        while (size > 0 && ends[head] <= taken) {
            takenUpTo = sendTimes[head];
            head = (head + 1) & (ends.length - 1);
            size--;
        }
        if (taken >= written) {
            takenUpTo = Math.max(takenUpTo, newestSendTime); // nothing waits for it: it is live
            return 0;
        }
        return Math.max(0, newestSendTime - takenUpTo);
    }

    private void grow() {
        int n = ends.length;
        long[] e = new long[n * 2];
        long[] t = new long[n * 2];
        for (int k = 0; k < size; k++) {
            e[k] = ends[(head + k) & (n - 1)];
            t[k] = sendTimes[(head + k) & (n - 1)];
        }
        ends = e;
        sendTimes = t;
        head = 0;
    }
}
