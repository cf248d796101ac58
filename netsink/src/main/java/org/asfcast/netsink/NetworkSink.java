package org.asfcast.netsink;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.Payload;
import org.asfcast.netsink.wire.ChunkFramer;
import org.asfcast.writer.WriterSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 */
public final class NetworkSink implements WriterSink, AutoCloseable {

    /** The SDK's default client limit. */
    public static final int DEFAULT_MAXIMUM_CLIENTS = 5;

    private static final Logger log = LoggerFactory.getLogger(NetworkSink.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * How far behind the broadcast a client must be for a new player to take its slot when the sink
     * is full: a player that is this far behind is not keeping up, and a full server must still
     * admit new players (as WMS and Icecast do).
     */
    public static final Duration DISPLACE_AFTER = Duration.ofSeconds(2);
    /**
     * The most a client's socket holds unsent in the kernel (epoll): what the kernel holds counts as
     * taken, so this, not tcp_wmem's autotuned few MB, is the error in a client's measured lag.
     */
    static final long NOTSENT_LOWAT = 32 << 10;

    /** How often an event loop tops up the writer's spare slab (a slab lasts ~0.45 s at 1 Mbit/s). */
    private static final long SPARE_PERIOD_MS = 50;

    /**
     * How long a broadcast may send nothing before its players get a keep-alive packet, and how
     * often they get one while the silence lasts: well under the ~20 s after which MPlayer leaves a
     * stream that sends nothing.
     */
    static final long KEEP_ALIVE_MS = 2000;
    /** How often a loop asks whether a keep-alive packet is due. */
    private static final long KEEP_ALIVE_CHECK_MS = 500;

    private final NetworkSinkConfig config;
    private final AddressAccessList accessList = new AddressAccessList();
    private final EventDispatcher events = new EventDispatcher();
    private final BroadcastRing ring;
    private final FrameSlab frames = new FrameSlab(PooledByteBufAllocator.DEFAULT);
    private final ByteBuffer chunkHeader = ByteBuffer.allocate(ChunkFramer.CHUNK_HEADER_LENGTH); // writer thread only
    private final SilenceClock silence = new SilenceClock(TimeUnit.MILLISECONDS.toNanos(KEEP_ALIVE_MS));
    /** Held while a packet takes its sequence number and joins the ring (the writer's, or a keep-alive). */
    private final Object appending = new Object();
    private long lastSendTime; // under appending
    private final Map<Long, ClientSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger reserved = new AtomicInteger();
    private final AtomicLong sessionIds = new AtomicLong();
    private final AtomicLong laggardsDropped = new AtomicLong();
    private final AtomicLong laggardsDisplaced = new AtomicLong();

    private final Object lifecycle = new Object();
    private volatile int maximumClients;
    private volatile BroadcastHeader header;
    private volatile boolean ended;
    private volatile boolean streamingBegun;
    private volatile Map<EventLoop, LoopClients> loops = Map.of();
    private EventLoopGroup group;
    private EventLoopGroup acceptor;
    private Channel server;
    private int port;
    private long generation;

    /** A sink with the defaults (every interface, path "/", 5 clients). */
    public NetworkSink() {
        this(NetworkSinkConfig.defaults());
    }

    /** A sink with these settings. */
    public NetworkSink(NetworkSinkConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.maximumClients = config.maximumClients();
        this.ring = new BroadcastRing(config.ringWindow().toMillis(), config.ringMaxBytes());
    }

    // ---- IWMWriterNetworkSink ------------------------------------------------------------------

    /** The client limit (default 5, as in the SDK). */
    public int maximumClients() {
        return maximumClients;
    }

    /**
     * Sets the client limit; clients already connected stay. Unlike the SDK (0..50, and only before
     * streaming begins), any non-negative number is accepted at any time; see docs/sdk-differences.md.
     *
     * @throws InvalidRequestException when {@code n} is negative
     */
    public void setMaximumClients(int n) {
        if (n < 0) {
            throw new InvalidRequestException("the maximum number of clients cannot be negative (" + n + ")");
        }
        maximumClients = n;
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
     * @throws InvalidRequestException   when the sink is already open, or the port is out of range
     * @throws NetworkResourceException when the port cannot be bound (most often: in use)
     */
    public int open(int port) {
        if (port < 0 || port > 65535) {
            throw new InvalidRequestException("port " + port + " is outside 0..65535");
        }
        synchronized (lifecycle) {
            if (server != null) {
                throw new InvalidRequestException("the network sink is already open on port " + this.port);
            }
            boolean epoll = Epoll.isAvailable();
            IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
            // One loop per core: more loops than cores only adds switching. Accepting has a thread of
            // its own, so a flood of joins is admitted while the loops are busy streaming.
            int threads = config.eventLoopThreads() > 0 ? config.eventLoopThreads()
                    : Runtime.getRuntime().availableProcessors();
            EventLoopGroup g = new MultiThreadIoEventLoopGroup(threads, io);
            EventLoopGroup acceptLoop = new MultiThreadIoEventLoopGroup(1, io);
            Map<EventLoop, LoopClients> byLoop = new IdentityHashMap<>();
            for (EventExecutor e : g) {
                byLoop.put((EventLoop) e, new LoopClients((EventLoop) e, config.deliveryInterval().toNanos(), ring));
            }
            Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class
                    : NioServerSocketChannel.class;
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(acceptLoop, g)
                    .channel(channelType)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 << 10, 256 << 10))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (config.socketSendBuffer() > 0) {
                                ch.config().setSendBufferSize(config.socketSendBuffer());
                            }
                            if (epoll) {
                                ch.config().setOption(EpollChannelOption.TCP_NOTSENT_LOWAT, NOTSENT_LOWAT);
                            }
                            ch.pipeline().addLast(new ConnectionHandler(NetworkSink.this));
                        }
                    });
            InetSocketAddress address = config.bindAddress().map(a -> new InetSocketAddress(a, port))
                    .orElseGet(() -> new InetSocketAddress(port));
            try {
                server = bootstrap.bind(address).syncUninterruptibly().channel();
            } catch (Exception e) {
                g.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
                acceptLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
                throw new NetworkResourceException("cannot listen on " + describe(address) + ": "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
            }
            // A loop keeps the writer's next slab ready, so that onDataUnit never waits for the pool
            // (the task stops with the loops).
            g.next().scheduleAtFixedRate(frames::prepareSpare, SPARE_PERIOD_MS, SPARE_PERIOD_MS, TimeUnit.MILLISECONDS);
            g.next().scheduleAtFixedRate(this::keepAlive, KEEP_ALIVE_CHECK_MS, KEEP_ALIVE_CHECK_MS,
                    TimeUnit.MILLISECONDS);
            group = g;
            acceptor = acceptLoop;
            loops = byLoop;
            this.port = ((InetSocketAddress) server.localAddress()).getPort();
            log.info("listening on {} ({})", server.localAddress(), epoll ? "epoll" : "nio");
            return this.port;
        }
    }

    /**
     * The URL players open: {@code http://host:port/path}.
     *
     * @throws InvalidRequestException when the sink is not open
     */
    public String hostUrl() {
        synchronized (lifecycle) {
            if (server == null) {
                throw new InvalidRequestException("the network sink is not open; call open(port) first");
            }
            return "http://" + urlHost() + ":" + port + config.path();
        }
    }

    /** The port listened on. @throws InvalidRequestException when the sink is not open */
    public int port() {
        synchronized (lifecycle) {
            if (server == null) {
                throw new InvalidRequestException("the network sink is not open; call open(port) first");
            }
            return port;
        }
    }

    /** Whether the sink is open (listening). */
    public boolean isOpen() {
        synchronized (lifecycle) {
            return server != null;
        }
    }

    /** Drops every client at once and keeps listening; new clients can connect right after. */
    public void disconnect() {
        synchronized (lifecycle) {
            dropAll(DisconnectReason.DISCONNECT);
        }
    }

    /**
     * Drops every client and releases the port: another socket can bind it as soon as this returns.
     *
     * @throws InvalidRequestException when the sink is not open
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (server == null) {
                throw new InvalidRequestException("the network sink is not open");
            }
            server.close().syncUninterruptibly();
            dropAll(DisconnectReason.CLOSE);
            Map<EventLoop, LoopClients> stopped = loops;
            loops = Map.of();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            // The loops have stopped: their copies of the ring can go from this thread.
            stopped.values().forEach(LoopClients::releaseWindow);
            group = null;
            acceptor = null;
            server = null;
            ring.clear();
            frames.release();
            events.drain();
            log.info("closed port {}", port);
        }
    }

    /** A snapshot of the connected (streaming) clients, in order of arrival. */
    public List<ClientInfo> clients() {
        List<ClientInfo> list = new ArrayList<>();
        for (ClientSession s : sessions.values()) {
            list.add(s.info());
        }
        list.sort(Comparator.comparingLong(ClientInfo::id));
        return list;
    }

    /** How many clients were dropped as slow because their lag passed the stall timeout, since open. */
    public long laggardsDropped() {
        return laggardsDropped.get();
    }

    /** How many clients gave their slot to a new player at a full sink ({@link DisconnectReason#DISPLACED}). */
    public long laggardsDisplaced() {
        return laggardsDisplaced.get();
    }

    /** How many clients are streaming. */
    public int clientCount() {
        return sessions.size();
    }

    /** Adds a listener for client events. */
    public void addListener(SinkListener listener) {
        events.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener. */
    public void removeListener(SinkListener listener) {
        events.remove(listener);
    }

    /** The address access list (include and exclude entries); changes apply to new connections. */
    public AddressAccessList accessList() {
        return accessList;
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
        synchronized (lifecycle) {
            BroadcastHeader candidate = BroadcastHeader.of(headerBytes, generation + 1);
            BroadcastHeader current = header;
            boolean wasEnded = ended;
            ended = false;
            streamingBegun = true;
            if (current != null && current.sameBytes(candidate) && !wasEnded) {
                return;
            }
            synchronized (appending) {
                generation++;
                ring.clear();
                frames.release();
                header = candidate;
                silence.reset();
            }
            // Sessions notice the new generation and end themselves on their loops.
            wakeAll();
        }
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
        BroadcastHeader h = header;
        if (h == null) {
            throw new IllegalStateException("onDataUnit before onHeader: the sink has no header yet");
        }
        int length = dataUnit.remaining();
        if (length != h.packetSize()) {
            throw new IllegalArgumentException("a data unit of " + length + " bytes, but the header's packets are "
                    + h.packetSize() + " bytes");
        }
        byte[] bytes;
        int offset;
        if (dataUnit.hasArray()) {
            bytes = dataUnit.array();
            offset = dataUnit.arrayOffset() + dataUnit.position();
        } else {
            bytes = new byte[length];
            dataUnit.duplicate().get(bytes);
            offset = 0;
        }
        DataPacket packet;
        try {
            packet = DataPacket.parse(bytes, offset, length, 0);
        } catch (AsfFormatException e) {
            throw new IllegalArgumentException("the data unit is not a valid ASF data packet: " + e.getMessage(), e);
        }
        boolean keyStart = false;
        for (Payload p : packet.payloads()) {
            if (p.keyFrame() && p.offset() == 0 && h.videoStreams().contains(p.streamNumber())) {
                keyStart = true;
                break;
            }
        }
        ByteBuf framed = frames.allocate(ChunkFramer.CHUNK_HEADER_LENGTH + length);
        synchronized (appending) {
            long seq = ring.next();
            ChunkFramer.writeDataHeader(chunkHeader.clear(), length, seq & 0xFFFF_FFFFL);
            framed.writeBytes(chunkHeader.array(), 0, ChunkFramer.CHUNK_HEADER_LENGTH);
            framed.writeBytes(bytes, offset, length);
            ring.append(framed, packet.sendTime(), keyStart);
            lastSendTime = packet.sendTime();
            silence.packet(System.nanoTime());
        }
        wakeAll();
    }

    /**
     * On a timer: while a live broadcast sends nothing (its source stalled), appends a
     * {@link KeepAlivePacket} to the ring every {@link #KEEP_ALIVE_MS}, so players that leave a
     * silent stream stay connected, and a player joining meanwhile gets them after its burst.
     * Only here, not in the writer: a file sink records no filler.
     */
    private void keepAlive() {
        if (sessions.isEmpty() || ended) {
            return;
        }
        synchronized (appending) {
            BroadcastHeader h = header;
            if (h == null || ended || !silence.fillDue(System.nanoTime())) {
                return;
            }
            byte[] packet = KeepAlivePacket.of(h.packetSize(), lastSendTime, h.streams());
            ByteBuf framed = PooledByteBufAllocator.DEFAULT.directBuffer(ChunkFramer.CHUNK_HEADER_LENGTH + packet.length);
            framed.writeBytes(ChunkFramer.dataChunk(packet, ring.next() & 0xFFFF_FFFFL));
            ring.append(framed, lastSendTime, false);
        }
        wakeAll();
    }

    /** Writing ended: every client gets what the ring still holds for it, then {@code $E}, then close. */
    @Override
    public void onEndWriting() {
        synchronized (lifecycle) {
            ended = true;
            frames.release();
            for (LoopClients lc : loops.values()) {
                lc.forEach(ClientSession::endAfterDrain);
            }
        }
    }

    // ---- package-private, for the connection handler and sessions --------------------------------

    BroadcastRing ring() {
        return ring;
    }

    BroadcastHeader currentHeader() {
        return ended ? null : header;
    }

    long headerGeneration() {
        BroadcastHeader h = header;
        return h == null ? 0 : h.generation();
    }

    boolean ended() {
        return ended;
    }

    int streamingClients() {
        return reserved.get();
    }

    LoopClients loopClients(EventLoop loop) {
        return loops.get(loop);
    }

    long newClientId() {
        return RANDOM.nextInt() & 0xFFFF_FFFFL;
    }

    long newSessionId() {
        return sessionIds.incrementAndGet();
    }

    /** Takes one of the {@link #maximumClients()} slots, or returns false when none is free. */
    boolean reserveSlot() {
        while (true) {
            int n = reserved.get();
            if (n >= maximumClients) {
                return false;
            }
            if (reserved.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void sessionStarted(ClientSession session) {
        sessions.put(session.id(), session);
        ClientInfo info = session.info();
        log.info("client {} connected from {} ({}, {})", info.id(), session.remote(), info.protocol(),
                ClientText.printable(info.userAgent()));
        events.connected(info);
        if (config.resolveNames()) {
            events.resolve(session.id(), session.remote().getAddress(), session::dnsName, session::info);
        }
    }

    void sessionEnded(ClientSession session, DisconnectReason reason) {
        if (sessions.remove(session.id()) != null) {
            if (session.releaseSlot()) {
                reserved.decrementAndGet(); // else a newcomer holds it now
            }
            ClientInfo info = session.info();
            log.info("client {} left ({}): {} bytes, {} packets skipped", info.id(), reason, info.bytesSent(),
                    info.packetsSkipped());
            events.disconnected(info, reason);
        }
    }

    /** A session is about to be dropped for lagging: count it and say why, once. */
    void laggardDropped(ClientSession session, long lagMillis, long taken, long written) {
        laggardsDropped.incrementAndGet();
        log.info("client {} from {} dropped as slow: {} ms of the broadcast behind (over the {} ms allowed); "
                        + "it took {} of the {} bytes written to it", session.id(), session.remote(), lagMillis,
                config.stallTimeout().toMillis(), taken, written);
    }

    /** Whether some client is at least {@link #DISPLACE_AFTER} behind (asked only when the sink is full). */
    boolean hasLaggard() {
        long after = DISPLACE_AFTER.toMillis();
        for (ClientSession s : sessions.values()) {
            if (s.lagMillis() >= after) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gives a new player from {@code newcomer} the slot of the client furthest behind, if one is at
     * least {@link #DISPLACE_AFTER} behind: that client is closed on its loop with
     * {@link DisconnectReason#DISPLACED}. Returns whether the newcomer has a slot.
     */
    boolean displaceLaggard(InetSocketAddress newcomer) {
        long after = DISPLACE_AFTER.toMillis();
        while (true) {
            ClientSession worst = null;
            for (ClientSession s : sessions.values()) {
                if (s.lagMillis() >= after && s.holdsSlot() && (worst == null || s.lagMillis() > worst.lagMillis())) {
                    worst = s;
                }
            }
            if (worst == null) {
                return false;
            }
            long lag = worst.lagMillis();
            if (worst.giveSlot()) {
                laggardsDisplaced.incrementAndGet();
                log.info("client {} from {} ({} ms of the broadcast behind) gives its slot to a new player from {}: "
                        + "the sink is full ({} clients)", worst.id(), worst.remote(), lag, newcomer, maximumClients);
                worst.evict();
                return true;
            }
            // It left or went to another newcomer meanwhile: it no longer holds a slot, look again.
        }
    }

    private void wakeAll() {
        for (LoopClients lc : loops.values()) {
            lc.wake();
        }
    }

    /** Closes every session with {@code reason} and every other connection; waits until done. */
    private void dropAll(DisconnectReason reason) {
        List<io.netty.util.concurrent.Future<?>> done = new ArrayList<>();
        for (LoopClients lc : loops.values()) {
            done.add(lc.loop().submit(() -> {
                for (ClientSession s : lc.snapshot()) {
                    s.close(reason);
                }
            }));
        }
        for (io.netty.util.concurrent.Future<?> f : done) {
            f.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        events.drain();
    }

    private String urlHost() {
        if (config.advertisedHost().isPresent()) {
            return config.advertisedHost().get();
        }
        InetAddress bound = ((InetSocketAddress) server.localAddress()).getAddress();
        if (!bound.isAnyLocalAddress()) {
            return bound instanceof Inet6Address ? "[" + bound.getHostAddress() + "]" : bound.getHostAddress();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String describe(InetSocketAddress address) {
        return (address.getAddress() == null || address.getAddress().isAnyLocalAddress() ? "every interface"
                : address.getAddress().getHostAddress()) + ", port " + address.getPort();
    }
}
