package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.asfcast.netsink.wire.AsxMetafile;
import org.asfcast.netsink.wire.ClientProtocol;
import org.asfcast.netsink.wire.ClientRequest;
import org.asfcast.netsink.wire.HeadParseResult;
import org.asfcast.netsink.wire.PlayerCredentials;
import org.asfcast.netsink.wire.RequestHeadParser;
import org.asfcast.netsink.wire.RequestKind;
import org.asfcast.netsink.wire.ResponseHeads;
import org.asfcast.netsink.wire.TokenRedaction;
import org.asfcast.netsink.wire.WmspPost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection: reads the request head (bounded in size and time), asks the server's
 * {@link Router} which point it is for and {@link Admission} what it gets, answers, and for a
 * stream hands over to a {@link ClientSession} of that point. A request for a point that holds
 * requests until its broadcast starts waits as a {@link HeldRequest}. A POST that asks to keep its
 * connection ({@link WmspPost}: WMP's KeepAlive, log and SelectStream POSTs) is answered and the
 * connection read on for the next request, past the POST's body. Anything else the client sends
 * after its request is read and dropped, so its closing is noticed.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

    private final StreamingServer server;
    private RequestHeadParser parser; // null once the request is answered: a streaming client keeps nothing of it
    private ScheduledFuture<?> requestTimeout;
    private boolean answered;
    private ClientSession session;
    private ArchiveSession archiveSession;
    private HeldRequest held;
    private java.util.concurrent.CompletableFuture<PointGuard.Verdict> guardCheck; // while a token hook is asked
    private boolean overConnectionRate;
    private long bodyToSkip; // what is left of a kept POST's body before the next request head
    private long requestNanos; // when the request being answered was complete
    private PostedLog posted; // a log POST whose body is still arriving, answered once it is in

    ConnectionHandler(StreamingServer server) {
        this.server = server;
        this.parser = new RequestHeadParser(server.settings().maxRequestHeadBytes());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Counted when it connects, answered when its request is complete (so the player reads the 503).
        overConnectionRate = !server.connectionAllowed(((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
        armRequestTimeout(ctx);
        ctx.fireChannelActive();
    }

    /** Closes the connection unless a complete request arrives in time (the first one, or the next after a kept POST). */
    private void armRequestTimeout(ChannelHandlerContext ctx) {
        long millis = server.settings().requestTimeout().toMillis();
        requestTimeout = ctx.executor().schedule(() -> {
            if (!answered) {
                log.debug("closing {}: no complete request within {} ms", ctx.channel().remoteAddress(), millis);
                answered = true;
                ctx.close();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof ByteBuf buf)) {
                return;
            }
            java.nio.ByteBuffer input = buf.nioBuffer();
            // One read may hold a kept POST's body and the next request: take them in turn.
            while (true) {
                if (posted != null) {
                    if (!posted.take(input)) {
                        return;
                    }
                    PostedLog done = posted;
                    posted = null;
                    tellReport(done.report((InetSocketAddress) ctx.channel().remoteAddress()));
                    reply(ctx, done.post(), done.clientId(), 0);
                    continue;
                }
                if (bodyToSkip > 0) {
                    int n = (int) Math.min(bodyToSkip, input.remaining());
                    input.position(input.position() + n);
                    bodyToSkip -= n;
                }
                if (answered || !input.hasRemaining()) {
                    return;
                }
                HeadParseResult result = parser.feed(input);
                if (result instanceof HeadParseResult.NeedMore) {
                    return;
                }
                parser = null;
                if (result instanceof HeadParseResult.Rejected rejected) {
                    refuseAndClose(ctx, "", null, rejected.status(), rejected.reason(), OptionalInt.empty());
                } else if (result instanceof HeadParseResult.Complete complete) {
                    if (publishing(ctx, complete.head(), input)) {
                        return; // the connection is a publisher's now
                    }
                    handle(ctx, ClientRequest.classify(complete.head()));
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Answers a POST as WMS does; keeps the connection for the next request when the player asked
     * to keep it, else closes it. A log POST is told to the observers ({@link PlayerReport}); one
     * with a body of at most {@link PlayerReport#MAX_BODY} is answered once its body is in.
     *
     * @param point the path of the point it was sent to
     */
    private void answerPost(ChannelHandlerContext ctx, ClientRequest request, long clientId, String point) {
        WmspPost post = WmspPost.of(request.head(), request.pragmas());
        log.debug("POST {} from {} ({} body bytes, connection {})", post.purpose(), ctx.channel().remoteAddress(),
                post.bodyLength(), post.keepAlive() ? "kept" : "closed");
        if (post.purpose() == WmspPost.Purpose.LOG && server.observers().watching()) { // unobserved: skipped, as before
            long length = post.bodyLength();
            if (request.head().contentLength().isPresent() && length > 0 && length <= PlayerReport.MAX_BODY) {
                posted = new PostedLog(point, request, post, clientId, (int) length);
                armBodyTimeout(ctx, posted);
                return;
            }
            // No body (the log-line= form), or one too long to keep: the pragma is all there is.
            tellReport(PostedLog.report(point, (InetSocketAddress) ctx.channel().remoteAddress(), request, ""));
        }
        reply(ctx, post, clientId, post.bodyLength());
    }

    /** Closes the connection unless the log body {@code waiting} for is complete within the request timeout. */
    private void armBodyTimeout(ChannelHandlerContext ctx, PostedLog waiting) {
        long millis = server.settings().requestTimeout().toMillis();
        ctx.executor().schedule(() -> {
            if (posted == waiting) {
                log.debug("closing {}: its log body did not arrive within {} ms", ctx.channel().remoteAddress(), millis);
                posted = null;
                ctx.close();
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    private void tellReport(PlayerReport report) {
        Observers observers = server.observers();
        if (observers.watching()) {
            observers.playerReport(report);
        }
    }

    /** Sends a POST's answer; on a kept connection, reads past {@code skip} body bytes to the next request. */
    private void reply(ChannelHandlerContext ctx, WmspPost post, long clientId, long skip) {
        if (!post.keepAlive()) {
            answerAndClose(ctx, post.answer(clientId));
            return;
        }
        ctx.writeAndFlush(Unpooled.wrappedBuffer(post.answer(clientId)));
        bodyToSkip = skip;
        parser = new RequestHeadParser(server.settings().maxRequestHeadBytes());
        answered = false;
        armRequestTimeout(ctx);
    }

    /**
     * Hands a publisher's request (a PUT, or a push POST, at a point that takes pushes) and what
     * follows it to a {@link PublisherHandler} in this handler's place; a PUT anywhere else is 405.
     * Returns false for every other request.
     */
    private boolean publishing(ChannelHandlerContext ctx, org.asfcast.netsink.wire.RequestHead head,
                               java.nio.ByteBuffer rest) {
        java.util.Optional<org.asfcast.netsink.wire.PublishRequest> publish = org.asfcast.netsink.wire.PublishRequest.of(head);
        if (publish.isEmpty()) {
            return false;
        }
        java.util.Optional<BroadcastPoint> point = PublisherHandler.pushPointOf(server.router(), head);
        if (point.isEmpty()) {
            if (!head.method().equals("PUT")) {
                return false; // a POST elsewhere is a player's, answered as before
            }
            refuseAndClose(ctx, "", null, 405, "Only a point whose source is push: takes a PUT; "
                    + PlayerCredentials.of(head).path() + " is not one.", OptionalInt.empty());
            return true;
        }
        answered = true;
        requestTimeout.cancel(false);
        requestTimeout = null;
        PublisherHandler.takeOver(ctx, server, point.get(), point.get().pushIngest().orElseThrow(), head, publish.get(), rest);
        return true;
    }

    private void handle(ChannelHandlerContext ctx, ClientRequest request) {
        requestNanos = System.nanoTime();
        answered = true;
        requestTimeout.cancel(false);
        requestTimeout = null;
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        Router<PublishingPoint> router = server.router();
        // A /t/<token> prefix is taken off before routing: the router knows only point paths.
        PlayerCredentials credentials = PlayerCredentials.of(request.head());
        Router.Route<PublishingPoint> route = router.route(credentials.path());
        PublishingPoint point = pointOf(route);
        // A refused address or an address over its connection rate is refused by admission, never asks a hook.
        if (point == null || point.guard().isOpen() || overConnectionRate || !allowed(point, remote)) {
            dispatch(ctx, request, route, credentials, remote);
            return;
        }
        guardCheck = point.guard().check(credentials, remote.getAddress(), Router.normal(point.name()), request.userAgent(),
                ctx.channel().eventLoop());
        guardCheck.whenComplete((verdict, failure) -> onLoop(ctx, () -> {
            guardCheck = null;
            if (!ctx.channel().isActive()) {
                return; // the player left while its token was checked
            }
            if (verdict instanceof PointGuard.Admit) {
                dispatch(ctx, request, route, credentials, remote);
                return;
            }
            PointGuard.Refuse refuse = verdict instanceof PointGuard.Refuse r ? r
                    : new PointGuard.Refuse(503, "The token could not be checked just now; try again in a minute.", false);
            log.debug("{} {} {} from {}: {}", refuse.status(), request.kind(), TokenRedaction.uri(PlayerRequest.uriOf(request)),
                    remote, refuse.sentence());
            Refusals.tell(server.observers(), Router.normal(point.name()), remote, request, refuse.status(), refuse.sentence());
            answerAndClose(ctx, refuse.challenge()
                    ? ResponseHeads.unauthorized(refuse.sentence(), Router.normal(point.name()))
                    : ResponseHeads.error(refuse.status(), refuse.sentence(), OptionalInt.empty()));
        }));
    }

    /** Answers a request its point's guard let through (or that needs none). */
    private void dispatch(ChannelHandlerContext ctx, ClientRequest request, Router.Route<PublishingPoint> route,
                          PlayerCredentials credentials, InetSocketAddress remote) {
        Router<PublishingPoint> router = server.router();
        if (route instanceof Router.Stream<PublishingPoint> stream && stream.point() instanceof BroadcastPoint point) {
            serve(ctx, request, point, remote);
        } else if (route instanceof Router.Metafile<PublishingPoint> metafile) {
            answerMetafile(ctx, request, metafile, remote, credentials);
        } else if (route instanceof Router.InFolder<PublishingPoint> inFolder
                && inFolder.point() instanceof ArchivePoint archive) {
            archive.serve(ctx, request, inFolder.relative(), serverLoad(), started -> archiveSession = started,
                    clientId -> answerPost(ctx, request, clientId, archive.name()));
        } else {
            Admission.Refuse refuse = Admission.noPoint(credentials.path(), router.points().keySet());
            log.debug("404 {} from {}: {}", request.kind(), remote, refuse.sentence());
            refuseAndClose(ctx, "", request, 404, refuse.sentence(), OptionalInt.empty());
        }
    }

    /** The point a route leads to, or null. */
    private static PublishingPoint pointOf(Router.Route<PublishingPoint> route) {
        if (route instanceof Router.Stream<PublishingPoint> stream) {
            return stream.point();
        } else if (route instanceof Router.Metafile<PublishingPoint> metafile) {
            return metafile.point();
        } else if (route instanceof Router.InFolder<PublishingPoint> inFolder) {
            return inFolder.point();
        }
        return null;
    }

    private static boolean allowed(PublishingPoint point, InetSocketAddress remote) {
        AddressAccessList list = point instanceof BroadcastPoint b ? b.accessList() : ((ArchivePoint) point).accessList();
        return list.isAllowed(remote.getAddress());
    }

    private static void onLoop(ChannelHandlerContext ctx, Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
            return;
        }
        try {
            ctx.executor().execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The loop stopped with its server, and closed this connection as it did.
        }
    }

    private Admission.ServerLoad serverLoad() {
        ServerLimits limits = server.settings().limits();
        return new Admission.ServerLoad(overConnectionRate,
                limits.maximumPlayers() > 0 ? server.streamingPlayers() : 0, limits.maximumPlayers(),
                limits.maximumBitsPerSecond() > 0 ? server.outgoingBitsPerSecond() : 0, limits.maximumBitsPerSecond());
    }

    private void serve(ChannelHandlerContext ctx, ClientRequest request, BroadcastPoint point, InetSocketAddress remote) {
        BroadcastHeader header = point.currentHeader();
        int streaming = point.streamingClients();
        int maximum = point.maximumClients();
        Admission.ServerLoad load = serverLoad();
        // Looking for a laggard walks the players: only a full point does it.
        Admission.State state = new Admission.State(point.accessList().isAllowed(remote.getAddress()),
                header != null, point.ended(), streaming, maximum, streaming >= maximum && point.hasLaggard(),
                header == null ? 0 : header.bitsPerSecond(), load, !point.settings().startWait().isZero());
        Admission.Verdict verdict = Admission.decide(request, state);
        // Echo a client's own id (WMP sends the one it was given) so it needs no xResetStrm.
        long asked = request.pragmas().clientId().orElse(-1);
        long clientId = asked >= 0 && asked <= 0xFFFF_FFFFL ? asked : point.newClientId();
        if (verdict instanceof Admission.Refuse refuse) {
            refuse(ctx, request, point, refuse);
            return;
        }
        RequestKind kind = verdict instanceof Admission.Hold hold ? hold.kind() : ((Admission.Serve) verdict).kind();
        switch (kind) {
            case POST -> answerPost(ctx, request, clientId, point.name());
            case HEAD -> answerAndClose(ctx, ResponseHeads.head(request.protocol(), clientId));
            case WMSP_DESCRIBE -> {
                if (header != null) {
                    describe(ctx, header, clientId);
                } else {
                    hold(ctx, request, point, false, h -> describe(ctx, h, clientId));
                }
            }
            case WMSP_PLAY, HTTP_GET -> {
                if (!takeSlot(ctx, request, point, remote)) {
                    return;
                }
                // Looked at after the slot is taken: a point ending as idle counts slots after it ends.
                BroadcastHeader now = point.currentHeader();
                if (now != null) {
                    startStream(ctx, request, point, now, clientId);
                } else if (!point.settings().startWait().isZero()) {
                    hold(ctx, request, point, true, h -> startStream(ctx, request, point, h, clientId));
                } else {
                    point.returnSlot();
                    refuse(ctx, request, point, point.ended() ? Admission.ENDED : Admission.NOT_STARTED);
                }
            }
        }
    }

    private void refuse(ChannelHandlerContext ctx, ClientRequest request, BroadcastPoint point, Admission.Refuse refuse) {
        log.debug("{} {} from {}: {}", refuse.status(), request.kind(), ctx.channel().remoteAddress(), refuse.sentence());
        refuseAndClose(ctx, point.name(), request, refuse.status(), refuse.sentence(),
                refuse.retryLater() ? OptionalInt.of(point.settings().retryAfterSeconds()) : OptionalInt.empty());
    }

    /** Holds the request until the point's broadcast starts; {@code serve} answers it then, on this loop. */
    private void hold(ChannelHandlerContext ctx, ClientRequest request, BroadcastPoint point, boolean holdsSlot,
                      java.util.function.Consumer<BroadcastHeader> serve) {
        log.debug("holding {} from {} until {} starts", request.kind(), ctx.channel().remoteAddress(), point.name());
        held = new HeldRequest(ctx, point, holdsSlot, serve, refuse -> refuse(ctx, request, point, refuse));
        held.hold();
    }

    private static void describe(ChannelHandlerContext ctx, BroadcastHeader header, long clientId) {
        ByteBuf reply = Unpooled.wrappedBuffer(ResponseHeads.describe(header.headerChunk().length, clientId),
                header.headerChunk());
        ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
    }

    /** {@code /<point>.asx}: the point's metafile, naming the host the player asked for. */
    private void answerMetafile(ChannelHandlerContext ctx, ClientRequest request, Router.Metafile<PublishingPoint> metafile,
                                InetSocketAddress remote, PlayerCredentials credentials) {
        if (metafile.point() instanceof BroadcastPoint point && !point.accessList().isAllowed(remote.getAddress())) {
            refuseAndClose(ctx, metafile.path(), request, 403, "Your address is not allowed to connect to this broadcast.",
                    OptionalInt.empty());
            return;
        }
        if (request.kind() == RequestKind.POST) {
            refuseAndClose(ctx, metafile.path(), request, 405, "A metafile is read with GET.", OptionalInt.empty());
            return;
        }
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        String authority = Authority.forMetafile(request.head().first("Host"), server.settings().advertisedHost(),
                local);
        // A tokened metafile gives tokened URLs: the player that opened it plays with the same token.
        String title = "asfcast: " + metafile.path();
        String link = credentials.linkTo(metafile.path());
        String text = ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null
                ? AsxMetafile.secureTextForLink(title, authority, link) : AsxMetafile.textForLink(title, authority, link);
        answerAndClose(ctx, AsxMetafile.response(text, request.kind() == RequestKind.HEAD));
    }

    /** Takes a player slot for a stream, or answers 503 and returns false. */
    private boolean takeSlot(ChannelHandlerContext ctx, ClientRequest request, BroadcastPoint point, InetSocketAddress remote) {
        if (point.loopClients(ctx.channel().eventLoop()) == null || !point.reserveSlot() && !point.displaceLaggard(remote)) {
            // Lost a race for the last slot, or the point is leaving the server.
            refuseAndClose(ctx, point.name(), request, 503, "This broadcast already has its maximum of "
                    + point.maximumClients() + " clients; try again later.", OptionalInt.empty());
            return false;
        }
        return true;
    }

    /** Starts the stream of a request that holds a slot. */
    private void startStream(ChannelHandlerContext ctx, ClientRequest request, BroadcastPoint point,
                             BroadcastHeader header, long clientId) {
        LoopClients loopClients = point.loopClients(ctx.channel().eventLoop());
        if (loopClients == null) {
            point.returnSlot(); // the point left the server meanwhile
            ctx.close();
            return;
        }
        boolean wmsp = request.protocol() == ClientProtocol.MS_WMSP;
        // Plain-HTTP players get every stream; a WMSP player what its stream-switch-entry selects.
        StreamSelection selection = wmsp
                ? StreamSelection.of(request.pragmas().selectedStreams(header.streams()), header).orElse(null) : null;
        session = new ClientSession(point, loopClients, ctx.channel(), point.newSessionId(), request.protocol(),
                request.userAgent(), header, selection, PlayerRequest.of(request, clientId, requestNanos));
        point.sessionStarted(session);
        session.start(wmsp ? ResponseHeads.play(clientId) : ResponseHeads.plainStream());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (session != null && ctx.channel().isWritable()) {
            session.pump();
        }
        if (archiveSession != null && ctx.channel().isWritable()) {
            archiveSession.pump();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (requestTimeout != null) {
            requestTimeout.cancel(false);
        }
        if (session != null) {
            session.close(DisconnectReason.CLIENT_LEFT);
        }
        if (archiveSession != null) {
            archiveSession.close(DisconnectReason.CLIENT_LEFT);
        }
        if (held != null) {
            held.forget();
        }
        if (guardCheck != null) {
            guardCheck.cancel(false); // a hook's late answer then finds the channel closed
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else if (cause.getCause() instanceof javax.net.ssl.SSLException tls) {
            // A client that refuses the certificate, or speaks plain HTTP to the TLS port: its matter, one line.
            log.info("TLS with {} failed: {}", ctx.channel().remoteAddress(), tls.getMessage());
        } else {
            log.warn("connection {} failed", ctx.channel().remoteAddress(), cause);
        }
        if (session != null) {
            // A reset or broken pipe is how players usually leave: it is not the server's error.
            session.close(cause instanceof IOException ? DisconnectReason.CLIENT_LEFT : DisconnectReason.ERROR);
        } else if (archiveSession != null) {
            archiveSession.close(cause instanceof IOException ? DisconnectReason.CLIENT_LEFT : DisconnectReason.ERROR);
        } else {
            ctx.close();
        }
    }

    /**
     * Answers with an error status and a sentence, closes, and tells the server's observers: every
     * refusal the connection makes goes through here, so the access log and the metrics miss none.
     *
     * @param point   the point's path, empty when the request named none (or could not be read)
     * @param request the request, null when its head could not be read
     */
    private void refuseAndClose(ChannelHandlerContext ctx, String point, ClientRequest request, int status, String sentence,
                                OptionalInt retryAfter) {
        Refusals.tell(server.observers(), point, (InetSocketAddress) ctx.channel().remoteAddress(), request, status, sentence);
        answerAndClose(ctx, ResponseHeads.error(status, sentence, retryAfter));
    }

    private void answerAndClose(ChannelHandlerContext ctx, byte[] response) {
        answered = true;
        if (requestTimeout != null) {
            requestTimeout.cancel(false);
        }
        ctx.writeAndFlush(Unpooled.wrappedBuffer(response)).addListener(ChannelFutureListener.CLOSE);
    }
}
