package org.asfcast.netsink;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of a {@link StreamingServer} that no single point owns: where it listens, what
 * host name its URLs carry, its network threads, and the bounds on a request. Made from a
 * {@link NetworkSinkConfig} ({@link NetworkSinkConfig#serverSettings()}), whose builder checks
 * every value.
 *
 * @param bindAddress         the address to listen on; empty means every interface
 * @param advertisedHost      the host name put in URLs; empty means the bind address or this machine's name
 * @param requestTimeout      how long a connection may take to send its request head
 * @param maxRequestHeadBytes the largest request head accepted (larger gets 431)
 * @param eventLoopThreads    network threads; 0 means one per core
 * @param socketSendBuffer    the kernel send buffer per player socket; 0 leaves it to the system
 * @param limits              the server-wide limits on top of each point's own
 */
public record ServerSettings(Optional<InetAddress> bindAddress, Optional<String> advertisedHost,
                             Duration requestTimeout, int maxRequestHeadBytes, int eventLoopThreads,
                             int socketSendBuffer, ServerLimits limits) {

    public ServerSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(limits, "limits");
    }

    /** The defaults of {@link NetworkSinkConfig#defaults()}. */
    public static ServerSettings defaults() {
        return NetworkSinkConfig.defaults().serverSettings();
    }

    /** These settings with other server-wide limits. */
    public ServerSettings withLimits(ServerLimits newLimits) {
        return new ServerSettings(bindAddress, advertisedHost, requestTimeout, maxRequestHeadBytes, eventLoopThreads,
                socketSendBuffer, newLimits);
    }
}
