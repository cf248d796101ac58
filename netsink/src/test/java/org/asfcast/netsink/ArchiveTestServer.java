package org.asfcast.netsink;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.ArchiveFile;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.netsink.wire.ClientRequest;
import org.asfcast.netsink.wire.HeadParseResult;
import org.asfcast.netsink.wire.RequestHead;
import org.asfcast.netsink.wire.RequestHeadParser;
import org.asfcast.netsink.wire.ResponseHeads;

/**
 * A real Netty server (epoll where available, as the streaming server) whose connections parse
 * their request with the real {@link RequestHeadParser} and {@link ClientRequest#classify}, then
 * hand a request under {@value #POINT} to {@link ArchiveHttp}, as the archive point does below
 * the router. File facts come from the real {@link ArchiveFile}. Every request head is kept, so a
 * test can see what a player asked.
 */
final class ArchiveTestServer implements AutoCloseable {

    static final String POINT = "/archive";

    private final EventLoopGroup group;
    private final ExecutorService blocking = Executors.newFixedThreadPool(2);
    private final Channel server;
    private final List<RequestHead> requests = new ArrayList<>();

    ArchiveTestServer(Path root) {
        boolean epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        ArchiveHttp http = new ArchiveHttp(POINT, new ArchiveFolder(root), blocking, ArchiveTestServer::facts,
                Optional::empty);
        server = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Connection(http));
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Every request head received so far. */
    List<RequestHead> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private static Optional<FileFacts.FileFact> facts(Path file) {
        try {
            ArchiveFile archive = ArchiveFile.open(file);
            return Optional.of(new FileFacts.FileFact(archive.title(), archive.durationMillis()));
        } catch (IOException | AsfFormatException notAsf) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws Exception {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        blocking.shutdownNow();
    }

    /** One connection, as the server's ConnectionHandler reads it, routed to the one archive point. */
    private final class Connection extends ChannelInboundHandlerAdapter {
        private final ArchiveHttp http;
        private final RequestHeadParser parser = new RequestHeadParser(16 << 10);
        private boolean answered;

        Connection(ArchiveHttp http) {
            this.http = http;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (answered || !(msg instanceof ByteBuf buf)) {
                    return;
                }
                HeadParseResult result = parser.feed(buf.nioBuffer());
                if (result instanceof HeadParseResult.Rejected rejected) {
                    answered = true;
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(ResponseHeads.rejection(rejected)))
                            .addListener(ChannelFutureListener.CLOSE);
                } else if (result instanceof HeadParseResult.Complete complete) {
                    answered = true;
                    RequestHead head = complete.head();
                    synchronized (requests) {
                        requests.add(head);
                    }
                    String path = head.path();
                    if (path.equals(POINT) || path.startsWith(POINT + "/")) {
                        String relative = path.length() > POINT.length() ? path.substring(POINT.length() + 1) : "";
                        http.answer(ctx, ClientRequest.classify(head), relative);
                    } else {
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(ResponseHeads.error(404, "no such point",
                                OptionalInt.empty()))).addListener(ChannelFutureListener.CLOSE);
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }
}
