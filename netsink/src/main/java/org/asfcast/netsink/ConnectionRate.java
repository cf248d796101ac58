package org.asfcast.netsink;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many new connections each address opened in the current second, to refuse an address that
 * opens more than the server allows. Bounded: it remembers at most {@value #ADDRESSES} addresses
 * (the least recently seen are forgotten first), so a flood from many addresses cannot grow it.
 * The caller passes the time; one lock, held for a map lookup.
 */
final class ConnectionRate {

    static final int ADDRESSES = 10_000;
    private static final long SECOND = 1_000_000_000L;

    private static final class Window {
        long start;
        int count;
    }

    private final Map<InetAddress, Window> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Window> eldest) {
            return size() > ADDRESSES;
        }
    };

    /** Counts a connection from {@code address} at {@code now} (ns); false when it is over {@code perSecond}. */
    synchronized boolean admit(InetAddress address, int perSecond, long now) {
        Window w = recent.computeIfAbsent(address, a -> new Window());
        if (w.count == 0 || now - w.start >= SECOND) {
            w.start = now;
            w.count = 0;
        }
        if (w.count >= perSecond) {
            return false;
        }
        w.count++;
        return true;
    }

    /** How many addresses it remembers. */
    synchronized int size() {
        return recent.size();
    }
}
