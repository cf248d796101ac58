package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.asfcast.netsink.wire.ChunkFramer;
import org.asfcast.netsink.wire.ClientProtocol;

/**
 * One streaming client: a cursor into the broadcast ring. It is written to only while its channel
 * is writable, so what waits in its socket stays under Netty's high-water mark; when it falls off
 * the ring's tail, the slow-client policy applies. Each pass also measures its {@link DeliveryLag}
 * from the bytes it took (written, less what Netty still holds; the kernel holds at most
 * {@code TCP_NOTSENT_LOWAT} unsent on epoll): a client more than the stall timeout of broadcast
 * behind is dropped as slow. A client that selected some streams only ({@link StreamSelection})
 * is a cursor into its selection's copies instead, with the same numbers, and joins at a key frame
 * of a video stream it selected. Lives on its channel's event loop.
 */
final class ClientSession {

    private static final byte[] END_CHUNK = ChunkFramer.endChunk(ChunkFramer.REASON_NORMAL_END);

    private final BroadcastPoint point;
    private final LoopClients loopClients;
    private final Channel channel;
    private final long id;
    private final ClientProtocol protocol;
    private final String userAgent;
    private final InetSocketAddress remote;
    private final Instant connectedSince = Instant.now();
    private final BroadcastHeader header;
    private final StreamSelection selection; // null: every stream, read from the ring itself
    private final boolean video;
    private final PlayerRequest request;
    private final long joinNanos; // request complete to stream start (made when the stream starts)

    private long nextSeq;
    private boolean awaitingKeyFrame;
    private JoinFilter joinFilter;
    private boolean ending;
    private boolean closed;
    private DeliveryLag lag;
    private volatile long lagMillis;
    private volatile long bytesSent;
    private volatile long packetsSkipped;
    private long packetsSent; // read on the loop only (its events), so a plain field: nothing added per pass
    private volatile String dnsName;
    // Whether this client's slot is still counted: released when it leaves, or given to a newcomer.
    private final AtomicInteger slot = new AtomicInteger(SLOT_HELD);
    private static final int SLOT_HELD = 0;
    private static final int SLOT_RELEASED = 1;
    private static final int SLOT_GIVEN = 2;

    ClientSession(BroadcastPoint point, LoopClients loopClients, Channel channel, long id, ClientProtocol protocol,
                  String userAgent, BroadcastHeader header) {
        this(point, loopClients, channel, id, protocol, userAgent, header, null,
                new PlayerRequest("", java.util.Optional.empty(), java.util.Optional.empty(), id, System.nanoTime()));
    }

    /** A client that receives only the streams of {@code selection} (null: every stream). */
    ClientSession(BroadcastPoint point, LoopClients loopClients, Channel channel, long id, ClientProtocol protocol,
                  String userAgent, BroadcastHeader header, StreamSelection selection) {
        this(point, loopClients, channel, id, protocol, userAgent, header, selection,
                new PlayerRequest("", java.util.Optional.empty(), java.util.Optional.empty(), id, System.nanoTime()));
    }

    /** A client that asked with {@code request} and receives the streams of {@code selection} (null: every stream). */
    ClientSession(BroadcastPoint point, LoopClients loopClients, Channel channel, long id, ClientProtocol protocol,
                  String userAgent, BroadcastHeader header, StreamSelection selection, PlayerRequest request) {
        this.point = point;
        this.loopClients = loopClients;
        this.channel = channel;
        this.id = id;
        this.protocol = protocol;
        this.userAgent = userAgent;
        this.remote = (InetSocketAddress) channel.remoteAddress();
        this.header = header;
        this.selection = selection;
        this.video = !(selection == null ? header.videoStreams() : selection.videoStreams(header)).isEmpty();
        this.request = request;
        this.joinNanos = Math.max(0, System.nanoTime() - request.requestNanos());
    }

    /** This player as a {@link ServerObserver} sees it, on point {@code pointPath}, as {@code info} shows it now. */
    PlayerEvent event(String pointPath, ClientInfo info) {
        return new PlayerEvent(pointPath, false, info, request, java.time.Duration.ofNanos(joinNanos), packetsSent, 0);
    }

    long id() {
        return id;
    }

    InetSocketAddress remote() {
        return remote;
    }

    void dnsName(String name) {
        this.dnsName = name;
    }

    /** How far behind the broadcast it was at the last pass, in ms of broadcast time; safe from any thread. */
    long lagMillis() {
        return lagMillis;
    }

    /** Whether this client still holds its slot (it has neither left nor given it away). */
    boolean holdsSlot() {
        return slot.get() == SLOT_HELD;
    }

    /** Gives this client's slot to a newcomer, unless it left (or gave it) already; any thread. */
    boolean giveSlot() {
        return slot.compareAndSet(SLOT_HELD, SLOT_GIVEN);
    }

    /** Whether the slot was still held and is now free; called once, when the session ends. */
    boolean releaseSlot() {
        return slot.compareAndSet(SLOT_HELD, SLOT_RELEASED);
    }

    /** A snapshot for the client list and events; safe from any thread. */
    /** Its counters into a walk of the point's players. */
    void countInto(PlayerCounter counter) {
        counter.count(protocol, bytesSent, packetsSkipped);
    }

    ClientInfo info() {
        return new ClientInfo(id, remote.getAddress(), remote.getPort(), Optional.ofNullable(dnsName), userAgent,
                protocol, connectedSince, bytesSent, packetsSkipped, lagMillis);
    }

    /**
     * Starts the stream after the response head: the header, then the ring from a video key frame
     * start (so the first picture a player decodes is clean) at least the preroll plus the join
     * burst back, at socket speed.
     */
    void start(byte[] responseHead) {
        loopClients.add(this);
        loopClients.join(selection, header);
        byte[] first = protocol == ClientProtocol.MS_WMSP ? header.headerChunk() : header.streamStart();
        ByteBuf start = Unpooled.wrappedBuffer(responseHead, first);
        bytesSent += start.readableBytes();
        channel.write(start, channel.voidPromise());
        PacketWindow window = loopClients.currentWindow(selection);
        lag = new DeliveryLag(window.newestSendTime());
        joinAt(window, point.settings().fastStart() ? window.joinPoint(video, header.joinMillis(point.settings().joinBurst())) : -1);
        channel.flush();
        pump();
    }

    /** Writes what is new in the ring while the socket takes it; then, if ending and caught up, ends. */
    void pump() {
        pump(System.nanoTime());
    }

    /**
     * As {@link #pump()}, at time {@code now}. The common case costs one lookup per packet in the
     * loop's copy of the ring (no lock); its bounds are read only when a lookup misses. A client
     * whose lag passes the stall timeout is dropped as slow, whatever its socket's writability.
     */
    void pump(long now) {
        if (closed) {
            return;
        }
        if (point.headerGeneration() != header.generation()) {
            // A different header replaced the broadcast: these packets no longer match what this
            // player was given, so its stream ends cleanly (see docs/sdk-differences.md).
            end();
            return;
        }
        PacketWindow window = loopClients.window(selection);
        long sent = 0;
        int packets = 0;
        long lastWritten = -1; // its send time is looked up once, after the pass
        while (channel.isWritable()) {
            ByteBuf held = awaitingKeyFrame ? null : window.get(nextSeq);
            ByteBuf packet = held == null ? null : held.retainedDuplicate();
            if (packet == null) {
                if (nextSeq >= window.next()) {
                    break; // caught up
                }
                if (nextSeq < window.first()) {
                    if (!fellBehind(window)) {
                        break;
                    }
                } else if (awaitingKeyFrame) {
                    if (window.isKeyStart(nextSeq)) {
                        awaitingKeyFrame = false;
                    } else {
                        nextSeq++;
                    }
                }
                continue;
            }
            if (joinFilter != null) {
                packet = joinFilter.apply(packet);
                if (joinFilter.done()) {
                    joinFilter = null;
                }
                if (packet == null) {
                    nextSeq++;
                    continue;
                }
            }
            if (protocol == ClientProtocol.PLAIN_HTTP) {
                packet.skipBytes(ChunkFramer.CHUNK_HEADER_LENGTH);
            }
            sent += packet.readableBytes();
            packets++;
            lastWritten = nextSeq;
            channel.write(packet, channel.voidPromise());
            nextSeq++;
        }
        bytesSent += sent; // one volatile write per pass, not per packet
        packetsSent += packets;
        if (closed) {
            return;
        }
        if (!channel.isWritable() && nextSeq < window.first() && !fellBehind(window)) {
            return;
        }
        if (sent > 0) {
            channel.flush();
            lag.written(bytesSent, window.sendTime(lastWritten));
        }
        if (judgedSlow(window)) {
            return;
        }
        if (ending && nextSeq >= window.next()) {
            finish();
        }
    }

    /**
     * Measures the lag from what the client took (what was written, less what Netty still holds)
     * and drops it when the lag passes the stall timeout. Returns whether it was dropped.
     */
    private boolean judgedSlow(PacketWindow window) {
        long newest = window.newestSendTime();
        if (newest == Long.MIN_VALUE) {
            return false;
        }
        io.netty.channel.ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        long taken = bytesSent - (out == null ? 0 : out.totalPendingWriteBytes());
        long behind = lag.lagMillis(taken, newest);
        lagMillis = behind;
        long bound = point.settings().stallTimeout().toMillis();
        if (behind <= bound) {
            return false;
        }
        point.laggardDropped(this, behind, taken, bytesSent);
        close(DisconnectReason.SLOW);
        return true;
    }

    /** Writing ended: drain what the ring still holds for this client, then send {@code $E} and close. */
    void endAfterDrain() {
        ending = true;
        liftUnsentBound();
        loopClients.currentWindow(selection); // the last packets, which the next pass would otherwise bring
        pump();
    }

    /** Ends the stream now with {@code $E} (MS-WMSP) and closes. */
    void end() {
        ending = true;
        liftUnsentBound();
        finish();
    }

    /** From any thread: closes it on its loop as {@link DisconnectReason#DISPLACED} (its slot was given). */
    void evict() {
        channel.eventLoop().execute(() -> close(DisconnectReason.DISPLACED));
    }

    /** An operator drops this player: closed on its loop, {@link DisconnectReason#KICKED}. */
    void kick() {
        channel.eventLoop().execute(() -> close(DisconnectReason.KICKED));
    }

    /**
     * The stream is ending: no lag is judged any more, so the kernel may take the whole tail. What
     * it holds reaches the player even when the process exits right after; what Netty holds does not.
     */
    private void liftUnsentBound() {
        if (channel instanceof EpollSocketChannel && channel.isActive()) {
            try {
                channel.config().setOption(EpollChannelOption.TCP_NOTSENT_LOWAT, 0xFFFF_FFFFL);
            } catch (ChannelException e) {
                // closing meanwhile: nothing left to deliver
            }
        }
    }

    /** Closes the connection at once, reporting {@code reason}. */
    void close(DisconnectReason reason) {
        if (leave(reason)) {
            channel.close();
        }
    }

    private void finish() {
        if (!leave(DisconnectReason.END_OF_STREAM)) {
            return;
        }
        if (protocol == ClientProtocol.MS_WMSP) {
            bytesSent += END_CHUNK.length;
            channel.writeAndFlush(Unpooled.wrappedBuffer(END_CHUNK)).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Marks the session over and reports it, once; false when it already was. */
    private boolean leave(DisconnectReason reason) {
        if (closed) {
            return false;
        }
        closed = true;
        loopClients.remove(this);
        loopClients.leave(selection);
        point.sessionEnded(this, reason);
        return true;
    }

    /** The client is behind the ring's tail: skip ahead or drop it. Returns whether it goes on. */
    private boolean fellBehind(PacketWindow window) {
        if (point.settings().slowClientPolicy() == SlowClientPolicy.DROP) {
            close(DisconnectReason.SLOW);
            return false;
        }
        long from = nextSeq;
        joinAt(window, window.joinPoint(video)); // a skip is a new join: the same orphans can appear
        packetsSkipped += nextSeq - from;
        return true;
    }

    /** Starts (again) at packet {@code join}, or, when it is -1, at the next key frame to arrive. */
    private void joinAt(PacketWindow window, long join) {
        joinFilter = new JoinFilter(header, selection);
        awaitingKeyFrame = join < 0;
        nextSeq = join < 0 ? window.next() : join;
    }
}
