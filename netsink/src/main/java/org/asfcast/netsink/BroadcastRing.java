package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.Map;
import org.asfcast.asf.AsfFormatException;

/**
 * The last few seconds of the broadcast: each packet framed once (the {@code $D} chunk), numbered
 * by a running sequence, with the packets where a video key frame starts marked. Clients are
 * cursors into it; they take {@linkplain ByteBuf#retainedDuplicate() duplicates}, never copies.
 *
 * <p>The writer appends; each event loop copies what is new into its own {@link PacketWindow} once
 * per delivery pass (one more reference per packet, not a copy of its bytes), and its clients read
 * that copy without a lock. So the ring's monitor is taken a few times per packet in all, not per
 * client, and the writer never waits behind thousands of clients' lookups. The ring owns one
 * reference to each buffer and releases it when the packet leaves the window.
 *
 * <p>Players that selected some streams only ({@link StreamSelection}) read a
 * {@link SelectionWindow} instead: one rewritten copy of each packet per distinct selection, kept
 * here beside the framed packets, with the same numbers and trimmed with them. It is made when
 * the first event loop with such a player {@linkplain #acquire asks for it} (that loop's thread
 * rewrites what the ring holds, the join window included) and kept up to date by the writer's
 * thread in {@link #append}; both under this ring's monitor, so every copy is made once and no
 * two threads touch a window at a time. It goes when the last loop {@linkplain #release lets go}.
 */
final class BroadcastRing {

    private volatile long windowMillis;
    private volatile long maxBytes;
    private volatile boolean joinVideo;
    private volatile long joinMillis;
    private final PacketWindow held = new PacketWindow();
    private final Map<StreamSelection, SelectionWindow> selections = new HashMap<>();

    BroadcastRing(long windowMillis, long maxBytes) {
        this.windowMillis = windowMillis;
        this.maxBytes = maxBytes;
    }

    /** Keeps another window from the next append on (a point's settings changed). */
    void resize(long newWindowMillis, long newMaxBytes) {
        windowMillis = newWindowMillis;
        maxBytes = newMaxBytes;
    }

    /**
     * Keeps, beyond the window, what a joiner starts with: from the newest packet (with
     * {@code video}, key frame start) at least {@code burstMillis} old (see
     * {@link PacketWindow#joinPoint(boolean, long)}), within the byte bound. A fixed window shorter
     * than the preroll, the join burst and a key-frame interval together would start joiners late.
     */
    void keepJoinable(boolean video, long burstMillis) {
        joinVideo = video;
        joinMillis = burstMillis;
    }

    /** Appends a framed packet (the ring takes over the caller's reference); returns its sequence number. */
    synchronized long append(ByteBuf framed, long sendTime, boolean keyStart) {
        long seq = held.add(framed, sendTime, keyStart);
        if (!selections.isEmpty()) {
            FramedPacket packet = readBack(framed);
            for (SelectionWindow w : selections.values()) {
                w.add(packet, seq, sendTime);
            }
        }
        long join = held.joinPoint(joinVideo, joinMillis); // -1: no key frame yet, nothing to keep for it
        // Keep the window by send time and by bytes, but never drop the newest packet.
        while (held.next() - held.first() > 1
                && (held.bytes() > maxBytes
                    || sendTime - held.sendTime(held.first()) > windowMillis && (join < 0 || held.first() < join))) {
            held.dropOldest();
        }
        for (SelectionWindow w : selections.values()) {
            w.window().dropBefore(held.first());
        }
        return seq;
    }

    /**
     * Brings an event loop's copy up to date: releases what the ring no longer holds and takes a
     * reference to each packet appended since the last call. A copy that holds nothing (new, or
     * let go of when its loop had no client left) takes everything the ring holds: a player
     * joining a loop that was idle gets the same first burst as anywhere else, not only what
     * arrived since the loop's last client left.
     */
    synchronized void copyNewInto(PacketWindow view) {
        copy(held, view);
    }

    /**
     * As {@link #copyNewInto(PacketWindow)}, from the copies of {@code selection}, which an
     * {@link #acquire} must have made; a view of a selection nobody holds is emptied.
     */
    synchronized void copyNewInto(StreamSelection selection, PacketWindow view) {
        SelectionWindow source = selections.get(selection);
        if (source == null) {
            view.clear();
            return;
        }
        copy(source.window(), view);
    }

    private static void copy(PacketWindow source, PacketWindow view) {
        if (view.first() == view.next()) {
            view.restartAt(source.first());
        } else {
            view.dropBefore(source.first());
        }
        for (long s = view.next(); s < source.next(); s++) {
            view.add(source.get(s).retain(), source.sendTime(s), source.isKeyStart(s));
        }
    }

    /**
     * An event loop will read {@code selection}: its copies are made now from what the ring holds
     * (on the caller's thread, once for all loops) unless another loop holds them already.
     */
    synchronized void acquire(StreamSelection selection, BroadcastHeader header) {
        SelectionWindow w = selections.get(selection);
        if (w == null) {
            w = new SelectionWindow(selection, header);
            w.window().restartAt(held.first());
            for (long s = held.first(); s < held.next(); s++) {
                w.add(readBack(held.get(s)), s, held.sendTime(s));
            }
            selections.put(selection, w);
        }
        w.use();
    }

    /** A loop no longer reads {@code selection}; the copies go with the last one. */
    synchronized void release(StreamSelection selection) {
        SelectionWindow w = selections.get(selection);
        if (w != null && w.unuse()) {
            w.window().clear();
            selections.remove(selection);
        }
    }

    private static FramedPacket readBack(ByteBuf framed) {
        try {
            return FramedPacket.of(framed);
        } catch (AsfFormatException e) {
            // The point parsed every packet before it reached the ring; cannot happen.
            throw new IllegalStateException("a packet in the ring is not valid ASF: " + e.getMessage(), e);
        }
    }

    /** How many distinct selections have copies (for tests). */
    synchronized int selectionCount() {
        return selections.size();
    }

    /** The oldest sequence number held. */
    synchronized long first() {
        return held.first();
    }

    /** The sequence number the next packet will get. */
    synchronized long next() {
        return held.next();
    }

    /** Releases every packet; sequence numbers keep counting. */
    synchronized void clear() {
        held.clear();
        for (SelectionWindow w : selections.values()) {
            w.window().clear(); // numbering stays that of the ring
        }
    }

    /** Bytes held (framing included). */
    synchronized long bytes() {
        return held.bytes();
    }
}
