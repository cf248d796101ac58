package org.asfcast.ops.admin;

import io.netty.channel.Channel;

/**
 * A streamed answer's writer (server-sent events, say). The listener has sent the response head
 * (chunked, no length) when {@link #open} is called; from then on the stream writes
 * {@link io.netty.handler.codec.http.HttpContent}s to the channel from any thread, and ends with a
 * {@link io.netty.handler.codec.http.LastHttpContent} or by closing it. It should watch
 * {@link Channel#closeFuture()} to stop when the browser leaves.
 */
@FunctionalInterface
public interface AdminStream {

    /** Takes over the connection; called on the admin listener's worker thread, so it must return at once. */
    void open(Channel channel);
}
