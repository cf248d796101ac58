package org.asfcast.ops.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.asfcast.netsink.StreamingServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin listener: its own HTTP port (127.0.0.1 unless the config says otherwise), apart from
 * the players' port and their event loops, so nothing an operator does sits on the packet path.
 * Every request needs the {@linkplain AdminCredentials credential} (but for the few routes added
 * with {@link #routeOpenly}); the answers come from a list of {@link AdminRoute}s.
 *
 * <p><b>Adding routes.</b> {@link #route(AdminRoute)} adds one (before or after {@link #open}); the
 * first route whose method and pattern match answers, so add specific ones first. Patterns are
 * {@link RoutePattern}s ({@code /api/v1/points/{path+}/disconnect}); a streamed answer (server-sent
 * events) is an {@link AdminResponse#streamed} with an {@link AdminStream}. The built-in routes
 * ({@link AdminApi}: status, metrics, actions) are added by the constructor.
 *
 * <p>Routes run on one worker thread of the listener's own, not on its I/O loop: an action that
 * waits for players to be dropped delays other admin requests, never a player.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    /** The largest request body taken: actions carry none, so a few KB is plenty. */
    static final int MAX_REQUEST_BYTES = 16 << 10;
    /**
     * A connection on which nothing moves either way for this long is closed (a streamed answer
     * that writes, a heartbeat say, keeps its connection).
     */
    static final int IDLE_SECONDS = 60;

    private final AdminRoutes routes = new AdminRoutes();
    private volatile Optional<SslContext> ssl; // read per connection: a renewed certificate serves the next one
    private volatile AdminCredentials credentials;
    private final AdminApi api;
    private EventLoopGroup group;
    private ExecutorService workers;
    private Channel channel;
    private ChannelGroup connections;

    /**
     * An admin listener for {@code server}; nothing listens until {@link #open}.
     *
     * @param server      the server it reports on and acts on
     * @param actions     what the program running the server does for it (sources, reload)
     * @param credentials who may use it
     * @param ssl         when present, the listener speaks HTTPS only
     */
    public AdminServer(StreamingServer server, AdminActions actions, AdminCredentials credentials,
                       Optional<SslContext> ssl) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(actions, "actions");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.ssl = Objects.requireNonNull(ssl, "ssl");
        this.api = new AdminApi(server, actions);
        api.routes().forEach(routes::add);
    }

    /** Adds a route: it answers from the next request on. See the class comment. */
    public void route(AdminRoute route) {
        routes.add(Objects.requireNonNull(route, "route"));
    }

    /** Adds a GET route answered without the credential: only for what holds no data (the status page's files). */
    public void routeOpenly(AdminRoute route) {
        routes.addOpen(Objects.requireNonNull(route, "route"));
    }

    /** The routes, for tests that drive them without a socket. */
    public AdminRoutes routes() {
        return routes;
    }

    /** The built-in API (status, metrics, actions), for what a route of another kind wants to read. */
    public AdminApi api() {
        return api;
    }

    /**
     * Replaces the TLS context (a renewed certificate, or TLS turned on or off by a reloaded
     * config): the next connection uses it; open ones keep theirs. The URL says https from then on.
     */
    public void ssl(Optional<SslContext> next) {
        ssl = Objects.requireNonNull(next, "ssl");
    }

    /** Replaces the credential (a reloaded config): the next request is checked against the new one. */
    public void credentials(AdminCredentials next) {
        credentials = Objects.requireNonNull(next, "credentials");
    }

    /**
     * Binds and starts answering.
     *
     * @param bind the address to listen on (127.0.0.1 by default in the config)
     * @param port the TCP port; 0 lets the system pick one
     * @return the port listened on
     * @throws IllegalStateException when it is open already, or the port cannot be bound (the message says why)
     */
    public synchronized int open(InetAddress bind, int port) {
        if (channel != null) {
            throw new IllegalStateException("the admin listener is already open on " + channel.localAddress());
        }
        EventLoopGroup g = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("asfcast-admin-io"),
                NioIoHandler.newFactory());
        ExecutorService w = Executors.newSingleThreadExecutor(new DefaultThreadFactory("asfcast-admin", true));
        ChannelGroup open = new DefaultChannelGroup("admin connections", g.next());
        connections = open;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(g)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        open.add(ch);
                        ssl.ifPresent(c -> ch.pipeline().addLast("tls", c.newHandler(ch.alloc())));
                        ch.pipeline().addLast(new IdleStateHandler(0, 0, IDLE_SECONDS));
                        ch.pipeline().addLast(new HttpServerCodec());
                        ch.pipeline().addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES));
                        ch.pipeline().addLast(new AdminHttpHandler(routes, () -> credentials, w));
                    }
                });
        InetSocketAddress address = new InetSocketAddress(bind, port);
        try {
            channel = bootstrap.bind(address).syncUninterruptibly().channel();
        } catch (Exception e) {
            g.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            w.shutdownNow();
            throw new IllegalStateException("the admin listener cannot listen on " + bind.getHostAddress() + ", port "
                    + port + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
        group = g;
        workers = w;
        api.start(g.next());
        log.info("admin listener on {}", url());
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Whether it listens. */
    public synchronized boolean isOpen() {
        return channel != null;
    }

    /**
     * Its base URL, {@code http://127.0.0.1:8081} ({@code https} with TLS).
     *
     * @throws IllegalStateException when it is not open
     */
    public synchronized String url() {
        if (channel == null) {
            throw new IllegalStateException("the admin listener is not open");
        }
        InetSocketAddress local = (InetSocketAddress) channel.localAddress();
        InetAddress a = local.getAddress();
        String host = a.isAnyLocalAddress() ? "127.0.0.1"
                : a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
        return (ssl.isPresent() ? "https" : "http") + "://" + host + ":" + local.getPort();
    }

    /** Stops listening and closes every admin connection. Does nothing when it is not open. */
    @Override
    public synchronized void close() {
        if (channel == null) {
            return;
        }
        api.stop();
        channel.close().syncUninterruptibly();
        // Connections first, while the worker still runs: a streamed answer ends with its channel.
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownNow();
        log.info("admin listener closed");
        channel = null;
        group = null;
        workers = null;
        connections = null;
    }
}
