package org.asfcast.netsink;

import io.netty.bootstrap.ServerBootstrap;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server: one port, the Netty transport, and the {@link Router} that hands each request to
 * the publishing point its path names. Points are {@linkplain #publish published} and
 * {@linkplain #withdraw withdrawn} while it runs, without touching the players of the others.
 * Server-wide limits ({@link ServerLimits}) apply on top of each point's own. Thread-safe.
 */
public final class StreamingServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamingServer.class);
    /**
     * The most a player's socket holds unsent in the kernel (epoll): what the kernel holds counts as
     * taken, so this, not tcp_wmem's autotuned few MB, is the error in a player's measured lag.
     */
    static final long NOTSENT_LOWAT = 32 << 10;

    private final Object lifecycle = new Object();
    private volatile ServerSettings settings;
    private volatile Router<PublishingPoint> router = Router.empty();
    private final ConnectionRate connectionRate = new ConnectionRate();
    private final Observers observers = new Observers();
    private final java.util.concurrent.atomic.LongAdder accepted = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.AtomicInteger openConnections = new java.util.concurrent.atomic.AtomicInteger();
    private volatile List<EventLoop> loops = List.of();
    private EventLoopGroup group;
    private EventLoopGroup acceptor;
    private Channel server;
    private int port;

    /** A server with these settings; nothing listens until {@link #open(int)}. */
    public StreamingServer(ServerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Adds an observer of every point's players and of every refused request (the operator's side:
     * access log, metrics). It is called on network threads and must return at once.
     */
    public void addObserver(ServerObserver observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    /** Removes an observer. */
    public void removeObserver(ServerObserver observer) {
        observers.remove(observer);
    }

    /** The settings in force. */
    public ServerSettings settings() {
        return settings;
    }

    /**
     * Applies new server-wide limits and a new advertised host at once (a reloaded config): new
     * requests see both, connected players stay. The listening address and threads stay.
     */
    public void reconfigure(ServerLimits limits, Optional<String> advertisedHost) {
        ServerSettings s = settings;
        settings = new ServerSettings(s.bindAddress(), Objects.requireNonNull(advertisedHost, "advertisedHost"),
                s.requestTimeout(), s.maxRequestHeadBytes(), s.eventLoopThreads(), s.socketSendBuffer(),
                Objects.requireNonNull(limits, "limits"));
    }

    /**
     * Binds and starts listening.
     *
     * @param port the TCP port; 0 lets the system pick a free one
     * @return the port listened on
     * @throws InvalidRequestException  when the server is already open, or the port is out of range
     * @throws NetworkResourceException when the port cannot be bound (most often: in use)
     */
    public int open(int port) {
        if (port < 0 || port > 65535) {
            throw new InvalidRequestException("port " + port + " is outside 0..65535");
        }
        synchronized (lifecycle) {
            if (server != null) {
                throw new InvalidRequestException("the server is already open on port " + this.port);
            }
            ServerSettings s = settings;
            boolean epoll = Epoll.isAvailable();
            IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
            // One loop per core: more loops than cores only adds switching. Accepting has a thread of
            // its own, so a flood of joins is admitted while the loops are busy streaming.
            int threads = s.eventLoopThreads() > 0 ? s.eventLoopThreads() : Runtime.getRuntime().availableProcessors();
            EventLoopGroup g = new MultiThreadIoEventLoopGroup(threads, io);
            EventLoopGroup acceptLoop = new MultiThreadIoEventLoopGroup(1, io);
            List<EventLoop> eventLoops = new ArrayList<>();
            for (EventExecutor e : g) {
                eventLoops.add((EventLoop) e);
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
                            // Once per connection, for the operator: never per packet.
                            accepted.increment();
                            openConnections.incrementAndGet();
                            ch.closeFuture().addListener(f -> openConnections.decrementAndGet());
                            if (s.socketSendBuffer() > 0) {
                                ch.config().setSendBufferSize(s.socketSendBuffer());
                            }
                            if (epoll) {
                                ch.config().setOption(EpollChannelOption.TCP_NOTSENT_LOWAT, NOTSENT_LOWAT);
                            }
                            ch.pipeline().addLast(new ConnectionHandler(StreamingServer.this));
                        }
                    });
            InetSocketAddress address = s.bindAddress().map(a -> new InetSocketAddress(a, port))
                    .orElseGet(() -> new InetSocketAddress(port));
            try {
                server = bootstrap.bind(address).syncUninterruptibly().channel();
            } catch (Exception e) {
                g.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
                acceptLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
                throw new NetworkResourceException("cannot listen on " + describe(address) + ": "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
            }
            group = g;
            acceptor = acceptLoop;
            loops = List.copyOf(eventLoops);
            for (PublishingPoint point : router.points().values()) {
                point.attach(loops);
            }
            this.port = ((InetSocketAddress) server.localAddress()).getPort();
            log.info("listening on {} ({})", server.localAddress(), epoll ? "epoll" : "nio");
            return this.port;
        }
    }

    /**
     * Publishes {@code point} at {@code path}: requests for the path reach it from now on (at once
     * if the server is open, else once it opens). An {@link ArchivePoint} also gets every path
     * under its own that no other point has.
     *
     * @throws IllegalArgumentException when the path is not a point path, or another point has it
     * @throws IllegalStateException    when the point is published elsewhere already
     */
    public void publish(String path, PublishingPoint point) {
        Objects.requireNonNull(point, "point");
        synchronized (lifecycle) {
            if (router.point(path).isPresent()) {
                throw new IllegalArgumentException("a point is already published at " + Router.normal(path));
            }
            if (router.points().containsValue(point)) {
                throw new IllegalStateException(point + " is already published");
            }
            Router<PublishingPoint> next = point instanceof ArchivePoint ? router.withFolder(path, point)
                    : router.with(path, point);
            if (point instanceof ArchivePoint archive) {
                archive.advertisedHost(() -> settings.advertisedHost());
            }
            point.observer = observers;
            if (server != null) {
                point.attach(loops);
            }
            router = next;
        }
    }

    /**
     * Withdraws the point at {@code path}: new requests for it get 404 at once; its players get
     * what they still have to take and then the end of the stream ({@code $E}), for at most
     * {@code drain}; whoever is left then is dropped. The point's writer may go on writing into it,
     * to no one. Returns the point, if there was one.
     */
    public Optional<PublishingPoint> withdraw(String path, Duration drain) {
        PublishingPoint point;
        synchronized (lifecycle) {
            point = router.point(path).orElse(null);
            if (point == null) {
                return Optional.empty();
            }
            router = router.without(path);
        }
        if (isOpen()) {
            point.endStreams();
            long deadline = System.nanoTime() + drain.toNanos();
            while (point.clientCount() > 0 && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            synchronized (lifecycle) {
                if (server != null) {
                    point.detach(DisconnectReason.CLOSE, false);
                }
            }
        }
        log.info("withdrew the point {}", Router.normal(path));
        return Optional.of(point);
    }

    /** Connections accepted on the players' port since the server was made (the operator's count). */
    public long acceptedConnections() {
        return accepted.sum();
    }

    /** Connections open on the players' port now: streaming, asking, or being refused. */
    public int openConnections() {
        return openConnections.get();
    }

    /** The points published, by path. */
    public Map<String, PublishingPoint> points() {
        return router.points();
    }

    /**
     * The URL players open for {@code path}, as given: {@code http://host:port/path}.
     *
     * @throws InvalidRequestException when the server is not open
     */
    public String url(String path) {
        synchronized (lifecycle) {
            if (server == null) {
                throw new InvalidRequestException("the server is not open; call open(port) first");
            }
            return "http://" + urlHost() + ":" + port + path;
        }
    }

    /** The port listened on. @throws InvalidRequestException when the server is not open */
    public int port() {
        synchronized (lifecycle) {
            if (server == null) {
                throw new InvalidRequestException("the server is not open; call open(port) first");
            }
            return port;
        }
    }

    /** Whether the server is open (listening). */
    public boolean isOpen() {
        synchronized (lifecycle) {
            return server != null;
        }
    }

    /**
     * Drops every player of every point and releases the port: another socket can bind it as soon
     * as this returns. The points stay published; {@link #open(int)} may follow.
     *
     * @throws InvalidRequestException when the server is not open
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (server == null) {
                throw new InvalidRequestException("the server is not open");
            }
            server.close().syncUninterruptibly();
            for (PublishingPoint point : router.points().values()) {
                point.dropForClose(DisconnectReason.CLOSE);
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            // The loops have stopped: the points let go of their copies of the rings from this thread.
            for (PublishingPoint point : router.points().values()) {
                point.detach(DisconnectReason.CLOSE, true);
            }
            loops = List.of();
            group = null;
            acceptor = null;
            server = null;
            log.info("closed port {}", port);
        }
    }

    // ---- for the connection handler --------------------------------------------------------------

    Router<PublishingPoint> router() {
        return router;
    }

    /** Every observer as one, for the connection handler's refusals. */
    Observers observers() {
        return observers;
    }

    /** Players streaming on every point together. */
    int streamingPlayers() {
        int n = 0;
        for (PublishingPoint p : router.points().values()) {
            n += p.streamingClients();
        }
        return n;
    }

    /** The outgoing bit rate the players of every point need, by their broadcasts' bit rates. */
    long outgoingBitsPerSecond() {
        long bits = 0;
        for (PublishingPoint p : router.points().values()) {
            bits += p.outgoingBitsPerSecond();
        }
        return bits;
    }

    /** Counts a new connection from {@code address}; false when it is over the per-address rate. */
    boolean connectionAllowed(InetAddress address) {
        int perSecond = settings.limits().connectionsPerSecond();
        return perSecond == 0 || connectionRate.admit(address, perSecond, System.nanoTime());
    }

    /** The host players reach this server by, for URLs and metafiles when the request names none. */
    String urlHost() {
        ServerSettings s = settings;
        if (s.advertisedHost().isPresent()) {
            return s.advertisedHost().get();
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
