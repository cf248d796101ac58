package org.asfcast.ops.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
 * @param body        the body (empty for a stream or a written body)
 * @param headers     extra response headers
 * @param stream      present for a streamed answer: the head goes out chunked, then the stream writes
 * @param written     present for a body written when it is sent, straight into the connection's
 *                    buffer ({@link #written})
 */
public record AdminResponse(int status, String contentType, byte[] body, Map<String, String> headers,
                            Optional<AdminStream> stream, Optional<BodyWriter> written) {

    private static final String TEXT = "text/plain; charset=utf-8";

    /** Writes a body, once, when the answer is sent. */
    @FunctionalInterface
    public interface BodyWriter {
        /** Writes the whole body to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    public AdminResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(written, "written");
    }

    /** A body as it is, or a stream. */
    public AdminResponse(int status, String contentType, byte[] body, Map<String, String> headers,
                         Optional<AdminStream> stream) {
        this(status, contentType, body, headers, stream, Optional.empty());
    }

    /**
     * A body written by {@code writer} when it is sent, into the connection's (pooled, off-heap)
     * buffer: the status beside thousands of players is megabytes, and made as an array first it
     * would be copied on the heap and outlive the young generation (docs/benchmarks.md, the operator side).
     */
    public static AdminResponse written(int status, String contentType, BodyWriter writer) {
        return new AdminResponse(status, contentType, new byte[0], Map.of(), Optional.empty(), Optional.of(writer));
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
        return new AdminResponse(status, contentType, body, more, stream, written);
    }

    /** The body as text (for tests and logs); a written body is written for it. */
    public String text() {
        if (written.isEmpty()) {
            return new String(body, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            written.get().writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
