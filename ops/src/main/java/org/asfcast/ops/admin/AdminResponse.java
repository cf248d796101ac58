package org.asfcast.ops.admin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a route answers: a status, a body and its type, a few extra headers; or, for a stream of
 * server-sent events, an {@link AdminStream} that takes over the connection once the head is sent.
 *
 * @param status      the HTTP status
 * @param contentType the body's media type
 * @param body        the body (empty for a stream)
 * @param headers     extra response headers
 * @param stream      present for a streamed answer: the head goes out chunked, then the stream writes
 */
public record AdminResponse(int status, String contentType, byte[] body, Map<String, String> headers,
                            Optional<AdminStream> stream) {

    private static final String TEXT = "text/plain; charset=utf-8";

    public AdminResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(stream, "stream");
    }

    /** A body of this type with status 200. */
    public static AdminResponse ok(String contentType, byte[] body) {
        return new AdminResponse(200, contentType, body, Map.of(), Optional.empty());
    }

    /** A sentence a person can act on, as plain text, with this status. */
    public static AdminResponse sentence(int status, String sentence) {
        return new AdminResponse(status, TEXT, (sentence + "\n").getBytes(StandardCharsets.UTF_8), Map.of(),
                Optional.empty());
    }

    /** A streamed answer (server-sent events, say) of this type, status 200. */
    public static AdminResponse streamed(String contentType, AdminStream stream) {
        return new AdminResponse(200, contentType, new byte[0], Map.of(), Optional.of(stream));
    }

    /** The same answer with one more header. */
    public AdminResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new AdminResponse(status, contentType, body, more, stream);
    }

    /** The body as text (for tests and logs). */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
