package org.asfcast.ops.admin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin listener's HTTP handler: checks the caller's credential, hands the request to the
 * {@link AdminRoutes} and writes their answer. Thin: every decision is in the routes and the
 * credentials, which are tested without sockets.
 */
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(AdminHttpHandler.class);
    /** What a 401 offers: both schemes the listener takes. */
    static final String CHALLENGE = "Bearer realm=\"asfcast\", Basic realm=\"asfcast\"";

    private final AdminRoutes routes;
    private final Supplier<AdminCredentials> credentials;
    private final Executor worker;

    /** Routes run on {@code worker} (one thread: answers keep the requests' order), never on the I/O loop. */
    AdminHttpHandler(AdminRoutes routes, Supplier<AdminCredentials> credentials, Executor worker) {
        this.routes = routes;
        this.credentials = credentials;
        this.worker = worker;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean head = request.method().name().equals("HEAD");
        if (request.decoderResult().isFailure()) {
            write(ctx, head, false, AdminResponse.sentence(400, "The request could not be read as HTTP."));
            return;
        }
        // Read here, answered there: the request's buffer is released when this returns.
        Optional<AdminRequest> admin;
        try {
            admin = admitted(request, remote);
        } catch (IllegalArgumentException badEscape) {
            write(ctx, head, false, AdminResponse.sentence(400, "The request's path or query has a broken %-escape."));
            return;
        }
        if (admin.isEmpty()) {
            write(ctx, head, keepAlive, refusal(request.headers().contains(HttpHeaderNames.AUTHORIZATION)));
            return;
        }
        try {
            worker.execute(() -> write(ctx, head, keepAlive, routes.answer(admin.get())));
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            ctx.close();
        }
    }

    /** The request as a route sees it, when the caller's credential lets them in. */
    Optional<AdminRequest> admitted(FullHttpRequest request, InetSocketAddress remote) {
        Optional<String> caller = routes.isOpen(request.method().name(), new QueryStringDecoder(request.uri()).path())
                ? Optional.of(AdminCredentials.ANYONE)
                : credentials.get().caller(Optional.ofNullable(request.headers().get(HttpHeaderNames.AUTHORIZATION)));
        if (caller.isEmpty()) {
            log.info("admin: refused {} {} from {}: {}", request.method(), new QueryStringDecoder(request.uri()).path(),
                    remote.getAddress().getHostAddress(),
                    request.headers().contains(HttpHeaderNames.AUTHORIZATION) ? "wrong credential" : "no credential");
            return Optional.empty();
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Map<String, String> query = new HashMap<>();
        for (Map.Entry<String, List<String>> e : uri.parameters().entrySet()) {
            query.put(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().get(0));
        }
        return Optional.of(new AdminRequest(request.method().name(), uri.path(), query, Map.of(),
                request.content().toString(StandardCharsets.UTF_8), remote, caller.get()));
    }

    /** The 401: never says which part of a credential was wrong. */
    static AdminResponse refusal(boolean credentialSent) {
        return AdminResponse.sentence(401, credentialSent
                ? "The credential sent does not let you in."
                : "The admin listener needs a credential: Authorization: Bearer TOKEN, or Basic.")
                .withHeader("WWW-Authenticate", CHALLENGE);
    }

    private static void write(ChannelHandlerContext ctx, boolean head, boolean keepAlive, AdminResponse answer) {
        HttpResponseStatus status = HttpResponseStatus.valueOf(answer.status());
        if (answer.stream().isPresent()) {
            HttpResponse start = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
            start.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
            start.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
            answer.headers().forEach(start.headers()::set);
            HttpUtil.setTransferEncodingChunked(start, true);
            ctx.writeAndFlush(start);
            answer.stream().get().open(ctx.channel());
            return;
        }
        ByteBuf body;
        if (answer.written().isPresent()) {
            body = ctx.alloc().buffer();
            try {
                answer.written().get().writeTo(new ByteBufOutputStream(body));
            } catch (IOException | RuntimeException e) {
                body.release();
                log.warn("admin: the answer to a request could not be written: {}", e.toString(), e);
                write(ctx, head, false, AdminResponse.sentence(500, "The answer could not be written; the server's log says why."));
                return;
            }
        } else {
            body = Unpooled.wrappedBuffer(answer.body());
        }
        int length = body.readableBytes();
        if (head) {
            body.release();
            body = Unpooled.EMPTY_BUFFER;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        answer.headers().forEach(response.headers()::set);
        HttpUtil.setContentLength(response, length);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            ctx.close(); // nothing moved either way for AdminServer.IDLE_SECONDS
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A reset or a TLS failure is the client's business: one line, no stack trace, close.
        log.debug("admin connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
