package org.asfcast.netsink;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.asfcast.asf.ArchiveFile;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.SelectedPackets;
import org.asfcast.netsink.wire.ClientProtocol;
import org.asfcast.netsink.wire.ClientRequest;
import org.asfcast.netsink.wire.RequestKind;
import org.asfcast.netsink.wire.ResponseHeads;
import org.asfcast.netsink.wire.StartPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A publishing point that serves the ASF files under a folder on demand:
 * {@code /<point>/<relative path>} is that file, from the start or from where the player asks, to
 * its end. MS-WMSP players (NSPlayer) get a seekable Describe and a Play of framed packets
 * ({@link ArchiveSession}); every other client gets the file itself over plain HTTP
 * ({@link ArchiveHttp}). Nothing outside the folder is served ({@link ArchiveFolder}). Each file
 * is parsed once ({@link ArchiveCatalog}). Finding, parsing and reading files happen on the point's
 * reader threads, never on an event loop.
 */
public final class ArchivePoint extends PublishingPoint {

    private static final Logger log = LoggerFactory.getLogger(ArchivePoint.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final ArchiveFolder folder;
    private final ArchiveCatalog catalog;
    private final AddressAccessList accessList = new AddressAccessList();
    private volatile ArchiveSettings settings;
    private final Map<Long, ArchiveSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger reserved = new AtomicInteger();
    private final AtomicLong sessionIds = new AtomicLong();
    private final Object lifecycle = new Object();
    private volatile ExecutorService reader; // while on a server
    private volatile ArchiveHttp http;
    private volatile java.util.function.Supplier<java.util.Optional<String>> advertisedHost = java.util.Optional::empty;

    /**
     * A point called {@code name} (its path, in logs) serving the files under {@code root}.
     *
     * @param root the folder; it need not exist yet (then every file is "not found")
     */
    public ArchivePoint(String name, Path root, ArchiveSettings settings) {
        this.name = Objects.requireNonNull(name, "name");
        this.folder = new ArchiveFolder(root);
        this.catalog = new ArchiveCatalog();
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
        return name;
    }

    /** The folder it serves. */
    public Path root() {
        return folder.root();
    }

    /** The settings in use. */
    public ArchiveSettings settings() {
        return settings;
    }

    /** Applies new settings to the players that come from now on; nobody is dropped. */
    public void apply(ArchiveSettings next) {
        settings = Objects.requireNonNull(next, "settings");
    }

    /** Who may connect; changes apply to the next request. */
    public AddressAccessList accessList() {
        return accessList;
    }

    @Override
    public List<ClientInfo> clients(int listed, PlayerCounter counter) {
        List<ArchiveSession> all = new java.util.ArrayList<>(listed > 0 ? sessions.size() : 0);
        for (ArchiveSession s : sessions.values()) {
            counter.count(org.asfcast.netsink.wire.ClientProtocol.MS_WMSP, s.bytesSent(), 0);
            if (listed > 0) {
                all.add(s);
            }
        }
        return PlayerWalk.firstListed(all, listed, ArchiveSession::id, ArchiveSession::info);
    }

    @Override
    public int clientCount() {
        return sessions.size();
    }

    @Override
    public boolean kick(long id) {
        ArchiveSession session = sessions.get(id);
        if (session == null) {
            return false;
        }
        session.channel().eventLoop().execute(() -> session.close(DisconnectReason.KICKED));
        return true;
    }

    @Override
    public void disconnect() {
        dropAll(DisconnectReason.DISCONNECT);
    }

    /** Where the host for links and metafiles comes from when the request names none: the server's settings. */
    void advertisedHost(java.util.function.Supplier<java.util.Optional<String>> host) {
        advertisedHost = Objects.requireNonNull(host, "host");
    }

    @Override
    void attach(List<EventLoop> eventLoops) {
        synchronized (lifecycle) {
            if (reader != null) {
                throw new IllegalStateException("the point " + name + " is already on a server");
            }
            AtomicInteger n = new AtomicInteger();
            reader = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "archive-" + name + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            http = new ArchiveHttp(name, folder, reader, catalog::facts, () -> advertisedHost.get(), () -> observer,
                    sessionIds::incrementAndGet);
        }
    }

    @Override
    void detach(DisconnectReason reason, boolean loopsStopped) {
        synchronized (lifecycle) {
            if (!loopsStopped) {
                dropAll(reason);
            }
            if (reader != null) {
                reader.shutdownNow();
                reader = null;
            }
        }
    }

    @Override
    void dropForClose(DisconnectReason reason) {
        dropAll(reason);
    }

    @Override
    void endStreams() {
        for (ArchiveSession s : sessions.values()) {
            s.channel().eventLoop().execute(s::end);
        }
    }

    @Override
    int streamingClients() {
        return reserved.get();
    }

    @Override
    long outgoingBitsPerSecond() {
        long bits = 0;
        for (ArchiveSession s : sessions.values()) {
            bits += s.bitsPerSecond();
        }
        return bits;
    }

    private void dropAll(DisconnectReason reason) {
        for (ArchiveSession s : sessions.values()) {
            s.channel().eventLoop().execute(() -> s.close(reason));
        }
    }

    // ---- for the connection handler ---------------------------------------------------------------

    /**
     * Answers a request for {@code relative} under the folder, on the channel's loop. Returns the
     * session once a Play streams (the handler tells it when the socket drains or closes), via
     * {@code started}; a player's POST (KeepAlive, log, SelectStream) is handed to {@code post} with
     * the client id to answer with, since whether the connection stays is the connection's matter.
     */
    void serve(ChannelHandlerContext ctx, ClientRequest request, String relative, Admission.ServerLoad load,
               java.util.function.Consumer<ArchiveSession> started, java.util.function.LongConsumer post) {
        long requestNanos = System.nanoTime();
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        if (!accessList.isAllowed(remote.getAddress())) {
            refuse(ctx, request, 403, "Your address is not allowed to connect to this server.");
            return;
        }
        if (request.protocol() == ClientProtocol.PLAIN_HTTP) {
            http.answer(ctx, request, relative);
            return;
        }
        long asked = request.pragmas().clientId().orElse(-1);
        long clientId = asked >= 0 && asked <= 0xFFFF_FFFFL ? asked : RANDOM.nextInt() & 0xFFFF_FFFFL;
        if (request.kind() == RequestKind.POST) {
            // Each Play carries its own position and selection (research §6 item 8), so a POST
            // changes nothing here: a SelectStream takes effect with the player's next Play.
            post.accept(clientId);
            return;
        }
        ExecutorService r = reader;
        try {
            if (r == null) {
                throw new RejectedExecutionException("the point is off the server");
            }
            r.execute(() -> {
                Found found = find(relative);
                ctx.executor().execute(() -> serveFile(ctx, request, found, load, clientId, requestNanos, started));
            });
        } catch (RejectedExecutionException e) { // leaving the server
            refuse(ctx, request, 503, "This point is stopping; try again later.");
        }
    }

    /** A file found and parsed, or the status and sentence that say why not. */
    private record Found(ArchiveFile file, ArchiveMapping packets, int status, String sentence) {
    }

    /** On the reader: resolves and parses the file. */
    private Found find(String relative) {
        try {
            ArchiveFolder.Resolved resolved = folder.resolve(relative);
            if (resolved instanceof ArchiveFolder.Resolved.File f) {
                ArchiveCatalog.Playable playable = catalog.playable(f.path());
                ArchiveFile file = playable.file();
                // On the reader: the described header is made (once per file) off the loop.
                return new Found(settings.bitrateObjects() ? file.withBitrateObjects() : file, playable.packets(), 200, "");
            }
            if (resolved instanceof ArchiveFolder.Resolved.Folder) {
                return new Found(null, null, 404, "That is a folder; a player plays one of its files.");
            }
            return new Found(null, null, 404, "There is no file at that address.");
        } catch (AsfFormatException e) {
            log.warn("{}: {} cannot be served: {}", name, relative, e.getMessage());
            return new Found(null, null, 415, "That file is not a playable ASF file.");
        } catch (IOException e) {
            log.warn("{}: reading {} failed: {}", name, relative, e.toString());
            return new Found(null, null, 404, "There is no readable file at that address.");
        }
    }

    private void serveFile(ChannelHandlerContext ctx, ClientRequest request, Found found, Admission.ServerLoad load,
                           long clientId, long requestNanos, java.util.function.Consumer<ArchiveSession> started) {
        if (found.file() == null) {
            refuse(ctx, request, found.status(), found.sentence());
            return;
        }
        ArchiveFile file = found.file();
        ArchiveSettings s = settings;
        Admission.State state = new Admission.State(true, true, false, reserved.get(), s.maximumClients(), false,
                file.bitsPerSecond(), load, false);
        Admission.Verdict verdict = Admission.decide(request, state);
        if (verdict instanceof Admission.Refuse refuse) {
            refuse(ctx, request, refuse.status(), refuse.sentence());
            return;
        }
        byte[] header = org.asfcast.netsink.wire.ChunkFramer.headerChunk(file.servedHeader());
        switch (request.kind()) {
            case HEAD -> answerAndClose(ctx, ResponseHeads.describeOnDemand(header.length, clientId));
            case WMSP_DESCRIBE -> ctx.writeAndFlush(Unpooled.wrappedBuffer(
                    ResponseHeads.describeOnDemand(header.length, clientId), header)).addListener(ChannelFutureListener.CLOSE);
            default -> play(ctx, request, file, found.packets(), s, clientId, requestNanos, started);
        }
    }

    private void play(ChannelHandlerContext ctx, ClientRequest request, ArchiveFile file, ArchiveMapping packets,
                      ArchiveSettings s, long clientId, long requestNanos,
                      java.util.function.Consumer<ArchiveSession> started) {
        if (reserved.incrementAndGet() > s.maximumClients()) {
            reserved.decrementAndGet();
            refuse(ctx, request, 503, "This point already has its maximum of " + s.maximumClients()
                    + " players; try again later.");
            return;
        }
        Set<Integer> declared = streamNumbers(file);
        java.util.Optional<Set<Integer>> narrowed = StreamSelection.narrowed(request.pragmas().selectedStreams(declared),
                declared);
        Set<Integer> streams = narrowed.orElse(Set.of());
        StartPosition asked = StartPosition.of(request.pragmas());
        long start = 0;
        if (asked instanceof StartPosition.AtTime t) {
            start = file.packetForTime(t.millis(), streams);
        } else if (asked instanceof StartPosition.AtPacket p) {
            start = file.packetForNumber(p.packet(), streams);
        } else if (asked instanceof StartPosition.AtOffset o) {
            start = file.packetForOffset(o.offset());
        }
        ExecutorService r = reader;
        if (r == null) {
            reserved.decrementAndGet();
            ctx.close();
            return;
        }
        // As on a broadcast: a player that selected some streams gets only their payloads.
        SelectedPackets rewrite = narrowed.map(n -> new SelectedPackets(n, KeepAlivePacket.unusedStream(declared)))
                .orElse(null);
        PacketFeed feed = rewrite == null ? new MappedFeed(packets, r, ctx.channel())
                : new RewrittenFeed(file, rewrite, r, ctx.channel());
        ArchiveSession session = new ArchiveSession(this, ctx.channel(), file, start, feed, sessionIds.incrementAndGet(), s,
                request.userAgent(), PlayerRequest.of(request, clientId, requestNanos));
        sessions.put(session.id(), session);
        log.info("client {} playing {} of {} from packet {} of {}, streams {} ({}, {})", session.id(),
                file.path().getFileName(), name, start, file.packetCount(), narrowed.map(Object::toString).orElse("all"),
                ctx.channel().remoteAddress(), ClientText.printable(request.userAgent()));
        started.accept(session);
        ServerObserver o = observer;
        if (o.watching()) {
            o.playerStarted(session.event(name));
        }
        session.start(ResponseHeads.playOnDemand(clientId));
    }

    private static Set<Integer> streamNumbers(ArchiveFile file) {
        java.util.TreeSet<Integer> numbers = new java.util.TreeSet<>();
        file.header().streams().forEach(sp -> numbers.add(sp.streamNumber()));
        return numbers;
    }

    void sessionEnded(ArchiveSession session, DisconnectReason reason) {
        if (sessions.remove(session.id()) != null) {
            reserved.decrementAndGet();
            log.info("client {} left {} ({}): {} bytes", session.id(), name, reason, session.bytesSent());
            ServerObserver o = observer;
            if (o.watching()) {
                o.playerEnded(session.event(name), reason);
            }
        }
    }

    /** Answers {@code request} with an error status and a sentence, closes, and tells the server's observers. */
    private void refuse(ChannelHandlerContext ctx, ClientRequest request, int status, String sentence) {
        Refusals.tell(observer, name, (InetSocketAddress) ctx.channel().remoteAddress(), request, status, sentence);
        answerAndClose(ctx, ResponseHeads.error(status, sentence, OptionalInt.empty()));
    }

    private static void answerAndClose(ChannelHandlerContext ctx, byte[] response) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(response)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public String toString() {
        return "archive point " + name + " (" + folder.root() + ")";
    }
}
