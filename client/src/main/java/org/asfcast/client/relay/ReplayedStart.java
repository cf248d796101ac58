package org.asfcast.client.relay;

/**
 * Leaves out, when the edge reconnects to an origin that kept running (a network blip, a read
 * timeout), the packets the edge relayed already: an origin answers a new connection with its
 * ring from the newest key frame, seconds the edge's players have had. It is an overlap only when
 * the header is the same and the new connection's first send time lies within
 * {@link #WINDOW_MILLIS} before the last one relayed, and is itself past that window (an origin
 * restarted starts again near 0, and one that young cannot be told from it); anything else (an
 * origin restarted, one that moved on past the last packet) is relayed whole, as an encoder's
 * restart is. The edge then loses nothing and repeats nothing. Pure; one relay's thread.
 */
final class ReplayedStart {

    /** How far back an origin's answer may reach: about its ring (asfcast's: 5 s of the broadcast). */
    static final long WINDOW_MILLIS = 5_000;

    private long lastSendTime = -1;
    private boolean judging;
    private boolean cutting;

    /** A new connection starts; {@code sameHeader}: its header is the one relayed before. */
    void reconnected(boolean sameHeader) {
        judging = sameHeader && lastSendTime >= 0;
        cutting = false;
    }

    /** Whether to relay the packet whose send time (the origin's, as sent) is {@code sendTime}. */
    boolean keep(long sendTime) {
        if (judging) {
            judging = false;
            cutting = sendTime > WINDOW_MILLIS && sendTime <= lastSendTime && sendTime >= lastSendTime - WINDOW_MILLIS;
        }
        if (cutting) {
            if (sendTime <= lastSendTime) {
                return false;
            }
            cutting = false; // past what the edge had: the rest goes as it comes
        }
        lastSendTime = sendTime;
        return true;
    }
}
