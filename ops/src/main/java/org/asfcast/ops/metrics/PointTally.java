package org.asfcast.ops.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.asfcast.netsink.ClientInfo;
import org.asfcast.netsink.DisconnectReason;
import org.asfcast.netsink.wire.ClientProtocol;

/**
 * What one point's ended sessions and refusals add up to, kept from {@link ServerTally}'s events:
 * the live sessions' share is read from the point at scrape time, so nothing here is touched per
 * packet. Thread-safe (network threads write, the admin thread reads).
 */
public final class PointTally {

    private final Map<ClientProtocol, LongAdder> endedBytes = new EnumMap<>(ClientProtocol.class);
    private final Map<ClientProtocol, LongAdder> endedSkips = new EnumMap<>(ClientProtocol.class);
    private final Map<DisconnectReason, LongAdder> ends = new EnumMap<>(DisconnectReason.class);
    private final Map<Integer, LongAdder> refusals = new ConcurrentHashMap<>();
    private final AtomicInteger playing = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    PointTally() {
        for (ClientProtocol p : ClientProtocol.values()) {
            endedBytes.put(p, new LongAdder());
            endedSkips.put(p, new LongAdder());
        }
        for (DisconnectReason r : DisconnectReason.values()) {
            ends.put(r, new LongAdder());
        }
    }

    void started() {
        peak.accumulateAndGet(playing.incrementAndGet(), Math::max);
    }

    void ended(ClientInfo client, DisconnectReason reason) {
        // Never below zero: a tally made while players were on (an admin section added by a reload) missed their starts.
        playing.updateAndGet(n -> Math.max(0, n - 1));
        endedBytes.get(client.protocol()).add(client.bytesSent());
        endedSkips.get(client.protocol()).add(client.packetsSkipped());
        ends.get(reason).increment();
    }

    void refused(int status) {
        refusals.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    /** The most players it had at once. */
    public int peakPlayers() {
        return peak.get();
    }

    /** Bytes sent to the sessions of this protocol that have ended. */
    public long endedBytes(ClientProtocol protocol) {
        return endedBytes.get(protocol).sum();
    }

    /** Packets skipped by the sessions of this protocol that have ended. */
    public long endedSkips(ClientProtocol protocol) {
        return endedSkips.get(protocol).sum();
    }

    /** How many sessions ended for this reason. */
    public long ends(DisconnectReason reason) {
        return ends.get(reason).sum();
    }

    /** Players the point dropped because they fell behind: slow, or displaced by a newcomer. */
    public long dropped() {
        return ends(DisconnectReason.SLOW) + ends(DisconnectReason.DISPLACED);
    }

    /** Requests refused, by HTTP status, in status order. */
    public Map<Integer, Long> refusals() {
        Map<Integer, Long> out = new TreeMap<>();
        refusals.forEach((status, n) -> out.put(status, n.sum()));
        return out;
    }
}
