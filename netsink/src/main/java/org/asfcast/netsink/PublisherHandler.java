package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.asfcast.netsink.wire.ChunkedBody;
import org.asfcast.netsink.wire.HeadParseResult;
import org.asfcast.netsink.wire.PlayerCredentials;
import org.asfcast.netsink.wire.PublishRequest;
import org.asfcast.netsink.wire.PushFormatException;
import org.asfcast.netsink.wire.PushFrame;
import org.asfcast.netsink.wire.PushFrameDecoder;
import org.asfcast.netsink.wire.PushResponses;
import org.asfcast.netsink.wire.RequestHead;
import org.asfcast.netsink.wire.RequestHeadParser;
import org.asfcast.netsink.wire.TokenRedaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A publisher's connection to a push point, in the {@link ConnectionHandler}'s place once its
 * first request turned out to be a publisher's: it checks the credential, takes the body (a raw
 * ASF body, plain or chunked; or MS-WMHTTP's PushSetup and PushStart requests, several on one
 * connection) and moves its bytes into the point's {@link PublishedBody}, never waiting: when the
 * body holds too much, the channel stops reading. The protocol is in {@code wire}
 * ({@link PublishRequest}, {@link ChunkedBody}, {@link PushFrameDecoder},
 * {@link org.asfcast.netsink.wire.PushedStream}, {@link PushResponses}); this only moves bytes.
 */
final class PublisherHandler extends ChannelInboundHandlerAdapter implements PublishedBody.Feeder {

    private static final Logger log = LoggerFactory.getLogger(PublisherHandler.class);
    /** The largest PushSetup body read (it holds two short lines). */
    private static final int MAX_SETUP_BODY = 64 * 1024;

    private enum State { HEAD, SETUP_BODY, BODY, PUSH, ANSWERING, CLOSED }

    private final StreamingServer server;
    private final BroadcastPoint point;
    private final PushIngest ingest;
    private ChannelHandlerContext ctx;
    private InetSocketAddress remote;
    private State state = State.HEAD;
    private RequestHeadParser parser;
    private long left; // of a body with a Content-Length
    private ChunkedBody chunked;
    private PublishedBody body; // a plain body's stream
    private PushSession session; // an MS-WMHTTP session, once a PushStart feeds it
    private PushFrameDecoder frames;
    private String method = "PUT";
    private long lastRead = System.nanoTime();
    private ScheduledFuture<?> idleCheck;

    private PublisherHandler(StreamingServer server, BroadcastPoint point, PushIngest ingest) {
        this.server = server;
        this.point = point;
        this.ingest = ingest;
    }

    /**
     * Puts a publisher's handler in the place of {@code ctx}'s handler and gives it the request
     * {@code head} and what came after it in the same read.
     */
    static void takeOver(ChannelHandlerContext ctx, StreamingServer server, BroadcastPoint point, PushIngest ingest,
                         RequestHead head, PublishRequest request, ByteBuffer rest) {
        PublisherHandler handler = new PublisherHandler(server, point, ingest);
        byte[] more = new byte[rest.remaining()];
        rest.get(more);
        ctx.pipeline().replace(ctx.handler(), "publisher", handler);
        handler.request(head, request);
        handler.consume(ByteBuffer.wrap(more));
    }

    /** The push point a request's path leads to, if it leads to one. */
    static Optional<BroadcastPoint> pushPointOf(Router<PublishingPoint> router, RequestHead head) {
        Router.Route<PublishingPoint> route = router.route(PlayerCredentials.of(head).path());
        if (route instanceof Router.Stream<PublishingPoint> stream && stream.point() instanceof BroadcastPoint b
                && b.pushIngest().isPresent()) {
            return Optional.of(b);
        }
        return Optional.empty();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        ctx = context;
        remote = (InetSocketAddress) context.channel().remoteAddress();
        long period = Math.max(250, ingest.settings().idleTimeout().toMillis() / 4);
        idleCheck = context.executor().scheduleAtFixedRate(this::checkIdle, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public Channel channel() {
        return ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        try {
            if (msg instanceof ByteBuf buf) {
                lastRead = System.nanoTime();
                consume(buf.nioBuffer());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Takes what arrived: request heads and the bodies after them. */
    private void consume(ByteBuffer in) {
        try {
            while (in.hasRemaining()) {
                switch (state) {
                    case HEAD -> {
                        HeadParseResult result = parser.feed(in);
                        if (result instanceof HeadParseResult.Rejected r) {
                            refuse(r.status(), r.reason());
                        } else if (result instanceof HeadParseResult.Complete c) {
                            next(c.head());
                        }
                    }
                    case SETUP_BODY -> {
                        int n = (int) Math.min(left, in.remaining());
                        in.position(in.position() + n);
                        left -= n;
                        if (left == 0) {
                            readNextRequest();
                        }
                    }
                    case BODY -> plainBody(in);
                    case PUSH -> pushBody(in);
                    default -> {
                        return; // after the body: nothing more is read
                    }
                }
            }
        } catch (PushFormatException e) {
            if (session != null) {
                ingest.ended(session); // the players keep what came, and wait for a publisher
            }
            refuse(state == State.PUSH ? 422 : 400, e.getMessage());
        }
    }

    /** The next request on a kept connection: another PushSetup or PushStart for the same point. */
    private void next(RequestHead head) {
        Optional<PublishRequest> request = PublishRequest.of(head);
        if (request.isEmpty() || pushPointOf(server.router(), head).orElse(null) != point) {
            refuse(400, "This connection publishes to " + point.name() + "; it takes only that point's push requests.");
            return;
        }
        request(head, request.get());
    }

    private void request(RequestHead head, PublishRequest request) {
        method = head.method();
        log.debug("{} {} from {}", request.kind(), TokenRedaction.uri(head.path() + (head.query().isEmpty() ? "" : "?" + head.query())),
                remote);
        Optional<PublishRequest.Problem> problem = request.framingProblem(head);
        if (problem.isPresent()) {
            refuse(problem.get().status(), problem.get().sentence());
            return;
        }
        PlayerCredentials credentials = PlayerCredentials.of(head);
        switch (request.kind()) {
            case PUSH_SETUP -> setup(head, request, credentials);
            case PUSH_START -> start(head, request, credentials);
            default -> plain(head, request, credentials);
        }
    }

    /** How the request was let in ({@code token}, {@code Basic}, {@code Digest MD5}...), or empty once refused. */
    private Optional<String> admitted(PlayerCredentials credentials, RequestHead head) {
        PublisherCheck.Result result = ingest.check(credentials, head);
        result.refusal().ifPresent(r -> refuse(r.status(), r.sentence(), r.challenges()));
        return result.admission().map(PublisherCheck.Admission::scheme);
    }

    private void setup(RequestHead head, PublishRequest request, PlayerCredentials credentials) {
        long length = request.contentLength().orElse(0);
        if (length > MAX_SETUP_BODY) {
            refuse(413, "A PushSetup body of " + length + " bytes is more than the " + MAX_SETUP_BODY + " read.");
            return;
        }
        Optional<String> admission = admitted(credentials, head);
        if (admission.isEmpty()) {
            return;
        }
        Optional<String> id = ingest.setup(admission.get());
        if (id.isEmpty()) {
            busy();
            return;
        }
        log.info("{}: push session set up by {} ({})", point.name(), remote, admission.get());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(PushResponses.noContent(id.get())));
        left = length;
        state = State.SETUP_BODY;
        if (left == 0) {
            readNextRequest();
        }
    }

    private void start(RequestHead head, PublishRequest request, PlayerCredentials credentials) {
        boolean known = request.pushId().map(ingest::knows).orElse(false);
        if (!known && request.pushId().filter(id -> !id.isEmpty() && !id.equals("0")).isPresent()) {
            // MS-WMHTTP §3.2.5.2: a PushStart for a session the server does not have is an error.
            // Taken as a new session it would carry no $H (a resume starts with $D) and fail as
            // "not ASF"; told so, a pusher sets up a new session (asfcast's push sink does).
            refuse(404, "There is no push session with that push-id on " + point.name()
                    + " (it ended, or the server restarted); start again with a PushSetup.");
            return;
        }
        // A known push-id is the credential the PushSetup earned (encoders send the stream without
        // authenticating again); without one, the request must carry a credential itself.
        Optional<String> admission = known ? Optional.of("push-id") : admitted(credentials, head);
        if (admission.isEmpty()) {
            return;
        }
        Optional<PushSession> started = ingest.start(known ? request.pushId() : Optional.empty(), this, remote,
                admission.get());
        if (started.isEmpty()) {
            busy();
            return;
        }
        session = started.get();
        frames = new PushFrameDecoder();
        left = request.contentLength().orElseThrow();
        state = State.PUSH;
        log.info("{}: {} pushes (push-id {}, {} bytes declared)", point.name(), remote, session.shownId(), left);
        if (left == 0) {
            pushComplete();
        }
    }

    private void plain(RequestHead head, PublishRequest request, PlayerCredentials credentials) {
        Optional<String> admission = admitted(credentials, head);
        if (admission.isEmpty()) {
            return;
        }
        Optional<PublishedBody> opened = ingest.open(this, remote, method, admission.get());
        if (opened.isEmpty()) {
            busy();
            return;
        }
        body = opened.get();
        if (head.first("Expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false)) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(PushResponses.proceed()));
        }
        chunked = request.chunked() ? new ChunkedBody() : null;
        left = request.contentLength().orElse(-1);
        state = State.BODY;
        log.info("{}: {} publishes by {} ({})", point.name(), remote, method, admission.get());
        if (chunked == null && left == 0) {
            plainComplete();
        }
    }

    private void busy() {
        refuse(409, "Someone else is publishing to " + point.name() + " now; one publisher at a time.");
    }

    private void plainBody(ByteBuffer in) throws PushFormatException {
        if (chunked != null) {
            ByteBuffer piece = chunked.take(in);
            if (piece != null) {
                give(body, piece);
            }
            if (chunked.complete()) {
                plainComplete();
            }
            return;
        }
        int n = (int) Math.min(left, in.remaining());
        give(body, in.slice(in.position(), n));
        in.position(in.position() + n);
        left -= n;
        if (left == 0) {
            plainComplete();
        }
    }

    private static void give(PublishedBody to, ByteBuffer piece) {
        byte[] bytes = new byte[piece.remaining()];
        piece.get(bytes);
        to.append(bytes); // false once the source refused it: the refusal closes this connection
    }

    /** The whole plain body is in: answered once the source has taken it (or refused it). */
    private void plainComplete() {
        state = State.ANSWERING;
        body.end();
    }

    private void pushBody(ByteBuffer in) throws PushFormatException {
        int n = (int) Math.min(left, in.remaining());
        ByteBuffer piece = in.slice(in.position(), n);
        in.position(in.position() + n);
        left -= n;
        for (PushFrame frame : frames.feed(piece)) {
            byte[] asf = session.stream.asf(frame, frames.offset());
            session.body.append(asf);
            if (session.stream.finished()) {
                log.info("{}: {} finished its push ($E)", point.name(), remote);
                ingest.ended(session);
                PushSession done = session;
                session = null;
                state = State.ANSWERING;
                ctx.writeAndFlush(Unpooled.wrappedBuffer(PushResponses.noContent(done.id))).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        if (left == 0) {
            pushComplete();
        }
    }

    /** A PushStart's declared body is complete: 204, and the session waits for the next one. */
    private void pushComplete() {
        ingest.detached(session, this, ctx.channel().eventLoop());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(PushResponses.noContent(session.id)));
        session = null;
        readNextRequest();
    }

    private void readNextRequest() {
        parser = new RequestHeadParser(server.settings().maxRequestHeadBytes());
        state = State.HEAD;
    }

    // ---- told by the source's thread ---------------------------------------------------------

    @Override
    public void finished() {
        onLoop(() -> {
            if (state == State.ANSWERING && body != null) {
                answerAndClose(PushResponses.done("Published " + body.total() + " bytes to " + point.name() + "."));
            }
        });
    }

    @Override
    public void refused(int status, String sentence) {
        onLoop(() -> {
            if (state != State.CLOSED) {
                if (session != null) {
                    ingest.ended(session);
                }
                refuse(status, sentence);
            }
        });
    }

    private void onLoop(Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The server stopped, and closed this connection as it did.
        }
    }

    // ---- ending --------------------------------------------------------------------------------

    private void checkIdle() {
        long idle = ingest.settings().idleTimeout().toNanos();
        // A connection held back because the point has enough is not idle while the source reads on.
        PublishedBody fed = session != null ? session.body : body;
        long active = fed == null ? lastRead : Math.max(lastRead, fed.lastTaken());
        if (state != State.ANSWERING && state != State.CLOSED && System.nanoTime() - active > idle) {
            refuse(408, "Nothing arrived for " + ingest.settings().idleTimeout().toSeconds() + " s; the connection closes.");
        }
    }

    private void refuse(int status, String sentence) {
        refuse(status, sentence, List.of());
    }

    private void refuse(int status, String sentence, List<String> challenges) {
        if (state == State.CLOSED) {
            return;
        }
        log.info("{}: {} {} from {}: {}", point.name(), status, method, remote, sentence);
        Refusals.tell(server.observers(), point.name(), remote, null, status, sentence);
        answerAndClose(PushResponses.refused(status, sentence, challenges));
    }

    private void answerAndClose(byte[] response) {
        state = State.CLOSED;
        ctx.channel().config().setAutoRead(true); // so the close is noticed even when the body held it back
        ctx.writeAndFlush(Unpooled.wrappedBuffer(response)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        state = State.CLOSED;
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        if (body != null) {
            body.end(); // a plain body cut off: the source relays what came, the players wait for a publisher
            body.detach(this);
        }
        if (session != null) {
            ingest.detached(session, this, context.channel().eventLoop()); // the session waits for a new PushStart
        }
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("publisher {} failed: {}", remote, cause.toString());
        } else {
            log.warn("publisher {} failed", remote, cause);
        }
        context.close();
    }
}
