package org.asfcast.netsink;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.asfcast.netsink.wire.AsxMetafile;
import org.asfcast.netsink.wire.ByteRangeRequest;
import org.asfcast.netsink.wire.ClientRequest;
import org.asfcast.netsink.wire.FileHeads;
import org.asfcast.netsink.wire.FileValidator;
import org.asfcast.netsink.wire.FolderPage;
import org.asfcast.netsink.wire.PlayerCredentials;
import org.asfcast.netsink.wire.Preconditions;
import org.asfcast.netsink.wire.RequestKind;
import org.asfcast.netsink.wire.ResponseHeads;
import org.asfcast.netsink.wire.UrlPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain HTTP on an archive point: a file itself (with Range, validators and zero copy), a folder's
 * page, a file's {@code .asx} metafile. Lives on no loop of its own: resolving, listing, stat and
 * opening run on {@code blocking}; the answer is written back on the channel's loop. Every
 * answer closes the connection after it (HTTP/1.0, as the rest of the server): the players seek
 * with a new connection per Range anyway, and a page costs one request. A file sent (whole or a
 * range) is a player to the server's observers, started when its head goes and ended when its last
 * byte did (or the client left); an error answer is a {@link Refusal}.
 */
final class ArchiveHttp {

    private static final Logger log = LoggerFactory.getLogger(ArchiveHttp.class);
    /** The same sentence for anything not served, so no answer tells what exists outside the folder. */
    static final String NOT_FOUND = "This archive has no file or folder by that name.";
    private static final String CHUNKED_WRITER = "archive-chunked-writer";
    private static final int CHUNK_BYTES = 64 << 10;

    private final String pointPath;
    private final ArchiveFolder folder;
    private final Executor blocking;
    private final FileFacts facts;
    private final Supplier<Optional<String>> advertisedHost;
    private final Supplier<ServerObserver> observer;
    private final java.util.function.LongSupplier ids;

    /**
     * The plain-HTTP side of one archive point.
     *
     * @param pointPath      the point's path, e.g. {@code /archive} (for links and metafiles)
     * @param folder         the point's folder
     * @param blocking       where file system work runs, never an event loop
     * @param facts          titles and durations for folder pages and metafiles (blocking)
     * @param advertisedHost the host the server advertises, read per request (a reload may change it)
     */
    ArchiveHttp(String pointPath, ArchiveFolder folder, Executor blocking, FileFacts facts,
                Supplier<Optional<String>> advertisedHost) {
        this(pointPath, folder, blocking, facts, advertisedHost, () -> ServerObserver.NONE, new java.util.concurrent.atomic.AtomicLong()::incrementAndGet);
    }

    /**
     * As above, telling {@code observer} (read per answer: the point's, once on a server) of each
     * file sent and each error answer; a download's player id comes from {@code ids}.
     */
    ArchiveHttp(String pointPath, ArchiveFolder folder, Executor blocking, FileFacts facts,
                Supplier<Optional<String>> advertisedHost, Supplier<ServerObserver> observer,
                java.util.function.LongSupplier ids) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.pointPath = Router.normal(Objects.requireNonNull(pointPath, "pointPath"));
        this.folder = Objects.requireNonNull(folder, "folder");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
        this.facts = Objects.requireNonNull(facts, "facts");
        this.advertisedHost = Objects.requireNonNull(advertisedHost, "advertisedHost");
    }

    /**
     * Answers one request (GET or HEAD; POST gets 405) for {@code relative} under the folder, then
     * closes the connection. Call on the channel's event loop; it returns at once.
     *
     * @param ctx      the connection's context; the answer is written through it
     * @param request  the classified request
     * @param relative the path below the point as the router gives it (decoded, no leading '/')
     */
    void answer(ChannelHandlerContext ctx, ClientRequest request, String relative) {
        long requestNanos = System.nanoTime();
        if (request.kind() == RequestKind.POST) {
            String sentence = "An archive's files are read with GET or HEAD.";
            send(ctx, request, requestNanos, new Reply.Bytes(ResponseHeads.methodNotAllowed(sentence), 405, sentence));
            return;
        }
        // Only a metafile names the address; a channel that is no socket (a test's) names loopback.
        InetSocketAddress local = ctx.channel().localAddress() instanceof InetSocketAddress inet ? inet
                : new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        boolean tls = ctx.pipeline().get(SslHandler.class) != null;
        try {
            blocking.execute(() -> {
                Reply reply = prepare(request, relative, local, tls);
                try {
                    ctx.executor().execute(() -> send(ctx, request, requestNanos, reply));
                } catch (RejectedExecutionException loopGone) {
                    reply.release();
                }
            });
        } catch (RejectedExecutionException busy) {
            send(ctx, request, requestNanos, error(503, "The server is shutting down; try again later."));
        }
    }

    /** What to write: whole bytes, or a head and an open file's part. */
    private sealed interface Reply {
        void release();

        /** A whole answer; {@code status} and {@code sentence} say why when it is an error (400 and up). */
        record Bytes(byte[] response, int status, String sentence) implements Reply {
            Bytes(byte[] response) {
                this(response, 200, "");
            }

            @Override
            public void release() {
            }
        }

        record FileBody(byte[] head, FileChannel file, long position, long count) implements Reply {
            @Override
            public void release() {
                try {
                    file.close();
                } catch (IOException ignored) {
                    // closing a read-only file loses nothing
                }
            }
        }
    }

    /** Blocking: everything that touches the file system. */
    private Reply prepare(ClientRequest request, String relative, InetSocketAddress local, boolean tls) {
        boolean headOnly = request.kind() == RequestKind.HEAD;
        try {
            if (relative.toLowerCase(Locale.ROOT).endsWith(Router.METAFILE_SUFFIX)) {
                return metafile(request, relative.substring(0, relative.length() - Router.METAFILE_SUFFIX.length()), local,
                        tls);
            }
            ArchiveFolder.Resolved resolved = folder.resolve(relative);
            if (resolved instanceof ArchiveFolder.Resolved.File file) {
                return file(request, file.path());
            }
            if (resolved instanceof ArchiveFolder.Resolved.Folder dir) {
                // The router may strip the trailing '/': what the client sent decides.
                String asked = request.head().path();
                if (!asked.endsWith("/")) {
                    // The path as asked keeps a /t/<token> prefix; the query keeps a ?token=.
                    String query = request.head().query();
                    return new Reply.Bytes(FileHeads.movedToFolder(UrlPath.path(asked) + "/"
                            + (query.isEmpty() || !query.chars().allMatch(c -> c > 0x20 && c < 0x7F) ? "" : "?" + query),
                            headOnly));
                }
                return new Reply.Bytes(FileHeads.page(page(request, relative, dir.path()), headOnly));
            }
            return notFound();
        } catch (IOException | RuntimeException e) {
            log.warn("archive {} could not answer for {}: {}", pointPath, ClientText.printable(relative), e.toString());
            return error(500, "The server could not read this archive entry; its log says why.");
        }
    }

    private Reply file(ClientRequest request, Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        boolean keep = false;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            FileValidator validator = FileValidator.of(channel.size(), attributes.lastModifiedTime().toInstant(),
                    inode(path));
            boolean headOnly = request.kind() == RequestKind.HEAD;
            Preconditions.Outcome outcome = Preconditions.evaluate(request.head(), validator);
            if (outcome == Preconditions.Outcome.PRECONDITION_FAILED) {
                return error(412, "This file has changed since the version you name.");
            }
            if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
                return new Reply.Bytes(FileHeads.notModified(validator));
            }
            Optional<String> range = request.head().first("Range");
            ByteRangeRequest.Answer answer = range.isPresent() && outcome == Preconditions.Outcome.SEND_RANGE
                    ? ByteRangeRequest.of(range.get(), validator.length()) : new ByteRangeRequest.Whole();
            if (answer instanceof ByteRangeRequest.Unsatisfiable) {
                return new Reply.Bytes(FileHeads.rangeNotSatisfiable(validator.length(), headOnly), 416,
                        "The range asked for is outside the file.");
            }
            long position = 0;
            long count = validator.length();
            byte[] head;
            if (answer instanceof ByteRangeRequest.Part part) {
                head = FileHeads.part(validator, part);
                position = part.first();
                count = part.length();
            } else {
                head = FileHeads.whole(validator);
            }
            if (headOnly || count == 0) {
                return new Reply.Bytes(head);
            }
            keep = true;
            return new Reply.FileBody(head, channel, position, count);
        } finally {
            if (!keep) {
                channel.close();
            }
        }
    }

    private Reply metafile(ClientRequest request, String stem, InetSocketAddress local, boolean tls) throws IOException {
        if (!(folder.resolve(stem) instanceof ArchiveFolder.Resolved.File file)) {
            return notFound();
        }
        String name = file.path().getFileName().toString();
        String title = facts.of(file.path()).flatMap(FileFacts.FileFact::title).filter(t -> !t.isBlank()).orElse(name);
        String authority = Authority.forMetafile(request.head().first("Host"), advertisedHost.get(), local);
        // A tokened request's metafile gives the token on in the form it came, over TLS as https://.
        String link = PlayerCredentials.of(request.head()).linkTo(pointPath + "/" + stem);
        String text = tls ? AsxMetafile.secureTextForLink(title, authority, link) : AsxMetafile.textForLink(title, authority, link);
        return new Reply.Bytes(AsxMetafile.response(text, request.kind() == RequestKind.HEAD));
    }

    private String page(ClientRequest request, String relative, Path dir) throws IOException {
        List<FolderPage.Row> rows = new ArrayList<>();
        for (ArchiveFolder.Entry entry : folder.list(dir)) {
            if (entry.folder()) {
                rows.add(new FolderPage.SubFolder(entry.name()));
            } else {
                Optional<FileFacts.FileFact> fact = facts.of(entry.path());
                rows.add(new FolderPage.MediaFile(entry.name(), fact.flatMap(FileFacts.FileFact::title),
                        fact.map(f -> OptionalLong.of(f.durationMillis())).orElse(OptionalLong.empty())));
            }
        }
        String heading = (pointPath.equals("/") ? "" : pointPath) + "/" + relative;
        // Relative links keep a /t/<token> prefix by themselves; a query token is added to each.
        PlayerCredentials credentials = PlayerCredentials.of(request.head());
        String query = credentials.form() == PlayerCredentials.TokenForm.QUERY
                ? "?token=" + UrlPath.segment(credentials.token().orElseThrow()) : "";
        return FolderPage.html(heading, !relative.isEmpty(), rows, query);
    }

    private static Reply notFound() {
        return error(404, NOT_FOUND);
    }

    private static Reply error(int status, String sentence) {
        return new Reply.Bytes(ResponseHeads.error(status, sentence, OptionalInt.empty()), status, sentence);
    }

    /** The inode number where the file system has one (it makes the ETag tell a replaced file). */
    private static OptionalLong inode(Path path) {
        try {
            Object ino = Files.getAttribute(path, "unix:ino");
            return ino instanceof Long l ? OptionalLong.of(l) : OptionalLong.empty();
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException noUnixView) {
            return OptionalLong.empty();
        }
    }

    /** On the loop: writes the reply and closes; a closed channel only releases it. */
    private void send(ChannelHandlerContext ctx, ClientRequest request, long requestNanos, Reply reply) {
        if (!ctx.channel().isActive()) {
            reply.release();
            return;
        }
        if (reply instanceof Reply.Bytes bytes) {
            if (bytes.status() >= 400) {
                Refusals.tell(observer.get(), pointPath, remote(ctx), request, bytes.status(), bytes.sentence());
            }
            ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes.response())).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        Reply.FileBody body = (Reply.FileBody) reply;
        ctx.write(Unpooled.wrappedBuffer(body.head()));
        // Zero copy (sendfile) needs the bytes to reach the socket as they are; TLS must see them.
        java.util.function.LongSupplier transferred;
        if (ctx.pipeline().get(SslHandler.class) == null) {
            DefaultFileRegion region = new DefaultFileRegion(body.file(), body.position(), body.count());
            transferred = region::transferred;
            ctx.write(region);
        } else {
            ensureChunkedWriter(ctx);
            try {
                ChunkedNioFile chunks = new ChunkedNioFile(body.file(), body.position(), body.count(), CHUNK_BYTES);
                transferred = () -> chunks.currentOffset() - chunks.startOffset();
                ctx.write(chunks);
            } catch (IOException e) {
                body.release();
                ctx.close();
                return;
            }
        }
        ServerObserver o = observer.get();
        ArchiveDownload download = !o.watching() ? null
                : new ArchiveDownload(pointPath, ids.getAsLong(), request, requestNanos, remote(ctx), body.head().length,
                        transferred);
        if (download != null) {
            o.playerStarted(download.event());
        }
        // A client leaving mid-file fails the write: Netty then releases the region, which closes the file.
        ChannelFuture sent = ctx.writeAndFlush(Unpooled.EMPTY_BUFFER);
        if (download != null) {
            sent.addListener(f -> observer.get().playerEnded(download.event(),
                    f.isSuccess() ? DisconnectReason.END_OF_STREAM : DisconnectReason.CLIENT_LEFT));
        }
        sent.addListener(ChannelFutureListener.CLOSE);
    }

    /** The client's address; a channel that is no socket (a test's) names loopback. */
    private static InetSocketAddress remote(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress inet ? inet
                : new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    /** A ChunkedWriteHandler between the SslHandler and the caller's handler, added once. */
    static void ensureChunkedWriter(ChannelHandlerContext ctx) {
        ChannelPipeline pipeline = ctx.pipeline();
        if (pipeline.get(ChunkedWriteHandler.class) == null) {
            pipeline.addBefore(ctx.name(), CHUNKED_WRITER, new ChunkedWriteHandler());
        }
    }
}
