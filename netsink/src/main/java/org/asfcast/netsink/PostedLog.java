package org.asfcast.netsink;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.asfcast.netsink.wire.ClientRequest;
import org.asfcast.netsink.wire.WmspPost;

/**
 * A player's log POST whose body is still arriving: the body is gathered (at most
 * {@link PlayerReport#MAX_BODY}, the caller skips longer ones), then the POST is answered and its
 * {@link PlayerReport} told. Lives on the connection's loop.
 */
final class PostedLog {

    private final String point;
    private final ClientRequest request;
    private final WmspPost post;
    private final long clientId;
    private final byte[] body;
    private int filled;

    /** A POST to {@code point} answered with {@code clientId}, whose body is {@code length} bytes, at most {@link PlayerReport#MAX_BODY}. */
    PostedLog(String point, ClientRequest request, WmspPost post, long clientId, int length) {
        if (length < 0 || length > PlayerReport.MAX_BODY) {
            throw new IllegalArgumentException("a kept log body is 0.." + PlayerReport.MAX_BODY + " bytes, not " + length);
        }
        this.point = point;
        this.request = request;
        this.post = post;
        this.clientId = clientId;
        this.body = new byte[length];
    }

    /** Takes what {@code input} holds of the body, advancing it; returns whether the body is now complete. */
    boolean take(ByteBuffer input) {
        int n = Math.min(body.length - filled, input.remaining());
        input.get(body, filled, n);
        filled += n;
        return filled == body.length;
    }

    WmspPost post() {
        return post;
    }

    long clientId() {
        return clientId;
    }

    /** The report of the complete body. */
    PlayerReport report(InetSocketAddress remote) {
        return report(point, remote, request, new String(body, StandardCharsets.UTF_8));
    }

    /** The report of a log POST from {@code remote} to {@code point} with {@code body} ("" for none or one skipped). */
    static PlayerReport report(String point, InetSocketAddress remote, ClientRequest request, String body) {
        return new PlayerReport(point, remote, request.pragmas().clientId(), request.pragmas().clientGuid(),
                PlayerRequest.uriOf(request), request.userAgent(), request.pragmas().logLine(), body, Instant.now());
    }
}
