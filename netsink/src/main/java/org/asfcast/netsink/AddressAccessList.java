package org.asfcast.netsink;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.asfcast.writer.SdkError;
import org.asfcast.writer.SdkException;

/**
 * Which client addresses may connect: the SDK's {@code IWMAddressAccess2}, with include and exclude
 * entries for IPv4 and IPv6 networks.
 *
 * <p>Precedence (the SDK leaves it undocumented): an address that matches an exclude entry is
 * refused, unless an include entry that matches it is more specific (a longer prefix) than every
 * exclude entry that matches it. Otherwise, when there are include entries, only addresses that
 * match one are allowed; with no entries at all, everyone is. So {@code exclude 10.0.0.0/8} plus
 * {@code include 10.1.2.3} lets that one host in, and {@code include 192.168.0.0/16} alone admits
 * only that network. Safe to change while clients connect; it applies to new connections.
 */
public final class AddressAccessList {

    /** The two kinds of entry ({@code WM_AETYPE_INCLUDE} and {@code WM_AETYPE_EXCLUDE}). */
    public enum EntryType {
        /** Addresses to admit. */
        INCLUDE,
        /** Addresses to refuse. */
        EXCLUDE
    }

    /** Both lists, swapped as one so that a check never sees half of a {@link #replace}. */
    private record Entries(List<AddressRange> includes, List<AddressRange> excludes) {
    }

    private volatile Entries entries = new Entries(List.of(), List.of());

    /** Adds an entry, written as {@link AddressRange#parse} accepts; returns the parsed range. */
    public AddressRange add(EntryType type, String range) {
        AddressRange parsed;
        try {
            parsed = AddressRange.parse(range);
        } catch (IllegalArgumentException e) {
            throw new SdkException(SdkError.E_INVALIDARG, e.getMessage(), e);
        }
        synchronized (this) {
            List<AddressRange> next = new ArrayList<>(list(type));
            next.add(parsed);
            set(type, next);
        }
        return parsed;
    }

    /**
     * Replaces every entry at once (a reloaded config's lists): a connection is checked against
     * either the old lists or the new ones, never a mix of the two.
     */
    public synchronized void replace(List<AddressRange> include, List<AddressRange> exclude) {
        entries = new Entries(List.copyOf(include), List.copyOf(exclude));
    }

    /** The entries of one type, in the order added. */
    public List<AddressRange> entries(EntryType type) {
        return List.copyOf(list(type));
    }

    /** Removes the entry at {@code index}; {@code NS_E_INVALID_INDEX} when there is none. */
    public void remove(EntryType type, int index) {
        synchronized (this) {
            List<AddressRange> list = list(type);
            if (index < 0 || index >= list.size()) {
                throw new SdkException(SdkError.NS_E_INVALID_INDEX,
                        "there is no " + type.name().toLowerCase() + " entry " + index + " (there are " + list.size() + ")");
            }
            List<AddressRange> next = new ArrayList<>(list);
            next.remove(index);
            set(type, next);
        }
    }

    /** Whether a client at {@code address} may connect. */
    public boolean isAllowed(InetAddress address) {
        Entries e = entries;
        int include = longestMatch(e.includes(), address);
        int exclude = longestMatch(e.excludes(), address);
        if (exclude >= 0) {
            return include > exclude;
        }
        return e.includes().isEmpty() || include >= 0;
    }

    private static int longestMatch(List<AddressRange> ranges, InetAddress address) {
        int best = -1;
        for (AddressRange r : ranges) {
            if (r.contains(address)) {
                best = Math.max(best, r.prefixLength());
            }
        }
        return best;
    }

    private List<AddressRange> list(EntryType type) {
        Entries e = entries;
        return type == EntryType.INCLUDE ? e.includes() : e.excludes();
    }

    private void set(EntryType type, List<AddressRange> list) {
        Entries e = entries;
        entries = type == EntryType.INCLUDE ? new Entries(List.copyOf(list), e.excludes())
                : new Entries(e.includes(), List.copyOf(list));
    }
}
