package org.asfcast.netsink;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;
import org.asfcast.netsink.wire.ChunkFramer;
import org.asfcast.netsink.wire.ClientProtocol;

/**
 * One streaming client: a cursor into the broadcast ring. It is written to only while its channel
 * is writable, so what waits in its socket stays under Netty's high-water mark; when it falls off
 * the ring's tail, the slow-client policy applies. Lives on its channel's event loop.
 */
final class ClientSession {

    private static final byte[] END_CHUNK = ChunkFramer.endChunk(ChunkFramer.REASON_NORMAL_END);

    private final NetworkSink sink;
    private final LoopClients loopClients;
    private final Channel channel;
    private final long id;
    private final ClientProtocol protocol;
    private final String userAgent;
    private final InetSocketAddress remote;
    private final Instant connectedSince = Instant.now();
    private final BroadcastHeader header;
    private final boolean video;

    private long nextSeq;
    private boolean awaitingKeyFrame;
    private JoinFilter joinFilter;
    private boolean ending;
    private boolean closed;
    private long fullSince;
    private volatile long bytesSent;
    private volatile long packetsSkipped;
    private volatile String dnsName;

    ClientSession(NetworkSink sink, LoopClients loopClients, Channel channel, long id, ClientProtocol protocol,
                  String userAgent, BroadcastHeader header) {
        this.sink = sink;
        this.loopClients = loopClients;
        this.channel = channel;
        this.id = id;
        this.protocol = protocol;
        this.userAgent = userAgent;
        this.remote = (InetSocketAddress) channel.remoteAddress();
        this.header = header;
        this.video = !header.videoStreams().isEmpty();
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

    /** A snapshot for the client list and events; safe from any thread. */
    ClientInfo info() {
        return new ClientInfo(id, remote.getAddress(), remote.getPort(), Optional.ofNullable(dnsName), userAgent,
                protocol, connectedSince, bytesSent, packetsSkipped);
    }

    /**
     * Starts the stream after the response head: the header, then the ring from the newest video
     * key frame start (so the first picture a player decodes is clean), at socket speed.
     */
    void start(byte[] responseHead) {
        loopClients.add(this);
        byte[] first = protocol == ClientProtocol.MS_WMSP ? header.headerChunk() : header.streamStart();
        ByteBuf start = Unpooled.wrappedBuffer(responseHead, first);
        bytesSent += start.readableBytes();
        channel.write(start, channel.voidPromise());
        PacketWindow window = loopClients.currentWindow();
        joinAt(window, sink.config().fastStart() ? window.joinPoint(video, sink.config().joinBurst().toMillis()) : -1);
        channel.flush();
        pump();
    }

    /** Writes what is new in the ring while the socket takes it; then, if ending and caught up, ends. */
    void pump() {
        pump(System.nanoTime());
    }

    /**
     * As {@link #pump()}, at time {@code now}. The common case costs one lookup per packet in the
     * loop's copy of the ring (no lock); its bounds are read only when a lookup misses. A socket that stays full (the client
     * reads nothing) for the stall timeout ends the session as slow.
     */
    void pump(long now) {
        if (closed) {
            return;
        }
        if (sink.headerGeneration() != header.generation()) {
            // A different header replaced the broadcast: these packets no longer match what this
            // player was given, so its stream ends cleanly (see docs/sdk-differences.md).
            end();
            return;
        }
        PacketWindow window = loopClients.window();
        long sent = 0;
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
            channel.write(packet, channel.voidPromise());
            nextSeq++;
        }
        bytesSent += sent; // one volatile write per pass, not per packet
        if (closed) {
            return;
        }
        if (channel.isWritable()) {
            fullSince = 0;
        } else {
            if (nextSeq < window.first() && !fellBehind(window)) {
                return;
            }
            if (fullSince == 0) {
                fullSince = now;
            } else if (now - fullSince > sink.config().stallTimeout().toNanos()) {
                close(DisconnectReason.SLOW);
                return;
            }
        }
        if (sent > 0) {
            channel.flush();
        }
        if (ending && nextSeq >= window.next()) {
            finish();
        }
    }

    /** Writing ended: drain what the ring still holds for this client, then send {@code $E} and close. */
    void endAfterDrain() {
        ending = true;
        loopClients.currentWindow(); // the last packets, which the next pass would otherwise bring
        pump();
    }

    /** Ends the stream now with {@code $E} (MS-WMSP) and closes. */
    void end() {
        ending = true;
        finish();
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
        sink.sessionEnded(this, reason);
        return true;
    }

    /** The client is behind the ring's tail: skip ahead or drop it. Returns whether it goes on. */
    private boolean fellBehind(PacketWindow window) {
        if (sink.config().slowClientPolicy() == SlowClientPolicy.DROP) {
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
        joinFilter = new JoinFilter(header);
        awaitingKeyFrame = join < 0;
        nextSeq = join < 0 ? window.next() : join;
    }
}
