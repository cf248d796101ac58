package org.asfcast.netsink;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The network sink: the SDK's {@code IWMWriterNetworkSink} in Java. A writer hands it the ASF
 * header and data packets ({@link WriterSink}); it streams them live over HTTP to any number of
 * players, MS-WMSP ("mmsh") to Windows Media players (User-Agent NSPlayer or NSServer) and plain
 * ASF to everyone else.
 *
 * <p>Lifecycle as in the SDK: {@link #open(int)} binds and listens at once, before any header;
 * {@link #disconnect()} drops every client and keeps listening; {@link #close()} drops every client
 * and releases the port. Until the first header, and after writing ends, requests get 503 with
 * Retry-After.
 *
 * <p>Each packet is framed once and the same bytes go to every client; {@link #onDataUnit} never
 * waits on a client. A joining client gets the header, then the last few seconds from the newest
 * video key frame start, at socket speed, then live packets. Thread-safe.
 *
 * <p>It is a {@link StreamingServer} with one {@link BroadcastPoint} at
 * {@link NetworkSinkConfig#path()}; a server with many points uses those two directly.
 */
public final class NetworkSink implements org.asfcast.writer.WriterSink, AutoCloseable {

    /** The SDK's default client limit. */
    public static final int DEFAULT_MAXIMUM_CLIENTS = 5;

    /**
     * How far behind the broadcast a client must be for a new player to take its slot when the sink
     * is full: a player that is this far behind is not keeping up, and a full server must still
     * admit new players (as WMS and Icecast do).
     */
    public static final Duration DISPLACE_AFTER = Duration.ofSeconds(2);

    /** How long a silent broadcast waits before its players get a keep-alive packet; see {@link BroadcastPoint}. */
    static final long KEEP_ALIVE_MS = BroadcastPoint.KEEP_ALIVE_MS;

    private final NetworkSinkConfig config;
    private final StreamingServer server;
    private final BroadcastPoint point;

    /** A sink with the defaults (every interface, path "/", 5 clients). */
    public NetworkSink() {
        this(NetworkSinkConfig.defaults());
    }

    /** A sink with these settings. */
    public NetworkSink(NetworkSinkConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.server = new StreamingServer(config.serverSettings());
        this.point = new BroadcastPoint(config.path(), config.pointSettings());
        server.publish(config.path(), point);
    }

    // ---- IWMWriterNetworkSink ------------------------------------------------------------------

    /** The client limit (default 5, as in the SDK). */
    public int maximumClients() {
        return point.maximumClients();
    }

    /**
     * Sets the client limit; clients already connected stay. Unlike the SDK (0..50, and only before
     * streaming begins), any non-negative number is accepted at any time; see docs/sdk-differences.md.
     *
     * @throws InvalidRequestException when {@code n} is negative
     */
    public void setMaximumClients(int n) {
        point.setMaximumClients(n);
    }

    /** The network protocol: HTTP, the only one the SDK offers. */
    public NetworkProtocol networkProtocol() {
        return NetworkProtocol.HTTP;
    }

    /** Sets the network protocol; HTTP is the only value, as in the SDK. */
    public void setNetworkProtocol(NetworkProtocol protocol) {
        Objects.requireNonNull(protocol, "protocol");
    }

    /**
     * Binds and starts listening at once, before any header arrives.
     *
     * @param port the TCP port; 0 lets the system pick a free one
     * @return the port listened on
     * @throws InvalidRequestException  when the sink is already open, or the port is out of range
     * @throws NetworkResourceException when the port cannot be bound (most often: in use)
     */
    public int open(int port) {
        return server.open(port);
    }

    /**
     * The URL players open: {@code http://host:port/path}.
     *
     * @throws InvalidRequestException when the sink is not open
     */
    public String hostUrl() {
        requireOpen();
        return server.url(config.path());
    }

    /** The port listened on. @throws InvalidRequestException when the sink is not open */
    public int port() {
        requireOpen();
        return server.port();
    }

    /** Whether the sink is open (listening). */
    public boolean isOpen() {
        return server.isOpen();
    }

    /** Drops every client at once and keeps listening; new clients can connect right after. */
    public void disconnect() {
        point.disconnect();
    }

    /**
     * Drops every client and releases the port: another socket can bind it as soon as this returns.
     *
     * @throws InvalidRequestException when the sink is not open
     */
    @Override
    public void close() {
        if (!server.isOpen()) {
            throw new InvalidRequestException("the network sink is not open");
        }
        server.close();
    }

    /** A snapshot of the connected (streaming) clients, in order of arrival. */
    public List<ClientInfo> clients() {
        return point.clients();
    }

    /** How many clients were dropped as slow because their lag passed the stall timeout, since open. */
    public long laggardsDropped() {
        return point.laggardsDropped();
    }

    /** How many clients gave their slot to a new player at a full sink ({@link DisconnectReason#DISPLACED}). */
    public long laggardsDisplaced() {
        return point.laggardsDisplaced();
    }

    /** How many clients are streaming. */
    public int clientCount() {
        return point.clientCount();
    }

    /** Adds a listener for client events. */
    public void addListener(SinkListener listener) {
        point.addListener(listener);
    }

    /** Removes a listener. */
    public void removeListener(SinkListener listener) {
        point.removeListener(listener);
    }

    /** The address access list (include and exclude entries); changes apply to new connections. */
    public AddressAccessList accessList() {
        return point.accessList();
    }

    /** The settings this sink was made with. */
    public NetworkSinkConfig config() {
        return config;
    }

    // ---- WriterSink ----------------------------------------------------------------------------

    /**
     * Takes the header. The first one starts the broadcast. A later one with the same bytes (in
     * the live profile) changes nothing; a different one replaces the broadcast: new clients get
     * it, and connected clients' streams end cleanly ({@code $E}), since their packets would no
     * longer match the header they were given.
     *
     * @throws IllegalArgumentException when the bytes are not a valid ASF header
     */
    @Override
    public void onHeader(ByteBuffer headerBytes) {
        point.onHeader(headerBytes);
    }

    /** The network sink delivers in real time: the writer paces packets by their send time. */
    @Override
    public boolean isRealTime() {
        return true;
    }

    /**
     * Frames the packet once, appends it to the ring and wakes each event loop (one task per loop,
     * whatever the number of clients). Never waits on a client.
     *
     * @throws IllegalStateException    before the first header
     * @throws IllegalArgumentException when the packet is not a valid ASF data packet of the header's size
     */
    @Override
    public void onDataUnit(ByteBuffer dataUnit) {
        point.onDataUnit(dataUnit);
    }

    /** Writing ended: every client gets what the ring still holds for it, then {@code $E}, then close. */
    @Override
    public void onEndWriting() {
        point.onEndWriting();
    }

    /** The sink's one point (for tests and benchmarks that drive its sessions themselves). */
    BroadcastPoint point() {
        return point;
    }

    private void requireOpen() {
        if (!server.isOpen()) {
            throw new InvalidRequestException("the network sink is not open; call open(port) first");
        }
    }
}
