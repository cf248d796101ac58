package org.asfcast.netsink;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code host:port} a metafile names for a point: the Host the player asked for (it reached
 * the server that way, through whatever proxy or name), else the host the server advertises with
 * the port the request came in on, else the address it came in on. Pure.
 */
final class Authority {

    /** A host name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}])(:[0-9]{1,5})?");

    private Authority() {
    }

    static String forMetafile(Optional<String> hostHeader, Optional<String> advertisedHost, InetSocketAddress local) {
        if (hostHeader.isPresent()) {
            String host = hostHeader.get().trim();
            // Anything else (spaces, quotes, a path) is not a host: never echoed into the metafile.
            if (HOST.matcher(host).matches()) {
                return host;
            }
        }
        if (advertisedHost.isPresent()) {
            return advertisedHost.get() + ":" + local.getPort();
        }
        String address = local.getAddress().getHostAddress();
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        return (local.getAddress() instanceof Inet6Address ? "[" + address + "]" : address) + ":" + local.getPort();
    }
}
