package org.asfcast.netsink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network: an address and how many leading bits must match. Written
 * {@code 10.0.0.0/8}, {@code 10.0.0.0 255.0.0.0} (the SDK's address-and-mask form), {@code fe80::/10},
 * or a bare address (all bits).
 */
public record AddressRange(InetAddress network, int prefixLength) {

    /** Validates the prefix length against the address family. */
    public AddressRange {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0.." + bits);
        }
    }

    /**
     * Parses the written forms above. Only literal addresses are accepted (no name lookups).
     *
     * @throws IllegalArgumentException with a sentence naming what is wrong
     */
    public static AddressRange parse(String text) {
        String s = text.trim();
        String address = s;
        Integer prefix = null;
        int slash = s.indexOf('/');
        int space = s.indexOf(' ');
        if (slash >= 0) {
            address = s.substring(0, slash).trim();
            prefix = parsePrefix(s.substring(slash + 1).trim(), text);
        } else if (space >= 0) {
            address = s.substring(0, space).trim();
            prefix = maskLength(literal(s.substring(space + 1).trim(), text), text);
        }
        InetAddress network = literal(address, text);
        int bits = network.getAddress().length * 8;
        int length = prefix == null ? bits : prefix;
        if (length > bits) {
            throw new IllegalArgumentException("\"" + text + "\": a prefix of " + length + " bits is too long for "
                    + (bits == 32 ? "IPv4" : "IPv6"));
        }
        return new AddressRange(network, length);
    }

    /** Whether {@code address} lies in this network. IPv4 and IPv6 never match each other. */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = prefixLength / 8;
        if (!Arrays.equals(a, 0, full, n, 0, full)) {
            return false;
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (n[full] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static int parsePrefix(String s, String text) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\": the prefix length after '/' is not a number");
        }
    }

    private static int maskLength(InetAddress mask, String text) {
        int length = 0;
        boolean ended = false;
        for (byte b : mask.getAddress()) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean set = ((b >> bit) & 1) != 0;
                if (set && ended) {
                    throw new IllegalArgumentException("\"" + text + "\": the mask's bits are not contiguous");
                }
                if (set) {
                    length++;
                } else {
                    ended = true;
                }
            }
        }
        return length;
    }

    private static InetAddress literal(String s, String text) {
        boolean ipv4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("\"" + text + "\": \"" + s + "\" is not an IPv4 or IPv6 address");
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\": \"" + s + "\" is not a valid address");
        }
    }
}
