package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;

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
 */
final class BroadcastRing {

    private volatile long windowMillis;
    private volatile long maxBytes;
    private volatile boolean joinVideo;
    private volatile long joinMillis;
    private final PacketWindow held = new PacketWindow();

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
        long join = held.joinPoint(joinVideo, joinMillis); // -1: no key frame yet, nothing to keep for it
        // Keep the window by send time and by bytes, but never drop the newest packet.
        while (held.next() - held.first() > 1
                && (held.bytes() > maxBytes
                    || sendTime - held.sendTime(held.first()) > windowMillis && (join < 0 || held.first() < join))) {
            held.dropOldest();
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
        if (view.first() == view.next()) {
            view.restartAt(held.first());
        } else {
            view.dropBefore(held.first());
        }
        for (long s = view.next(); s < held.next(); s++) {
            view.add(held.get(s).retain(), held.sendTime(s), held.isKeyStart(s));
        }
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
    }

    /** Bytes held (framing included). */
    synchronized long bytes() {
        return held.bytes();
    }
}
