package org.asfcast.netsink.wire;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The exact bytes of every response head the sink sends (research §2.5, §2.6, §5), in US-ASCII.
 *
 * <p>Every answer is {@code HTTP/1.0} with {@code Connection: close} and never chunked: VLC and
 * MPlayer read chunk framing straight off the socket. (POSTs, which only WMP sends, are answered
 * by {@link WmspPost}, in the request's version and keeping a connection the player keeps.) The status line has exactly one space before
 * the code (VLC reads it with {@code atoi(&line[9])}) and every header line contains a ':' (VLC
 * aborts otherwise). WMSP answers carry {@code Server: Cougar/4.1.0.3923}: a version below 9 keeps
 * WMP from expecting a {@code $M} chunk that FFmpeg and VLC cannot read.
 */
public final class ResponseHeads {
    /** The server identity for WMSP clients; see research §2.4 for why not 9.x. */
    public static final String SERVER = "Cougar/4.1.0.3923";

    /** Content-Type of a Describe answer; one of the types MPlayer accepts as framed ASF. */
    public static final String DESCRIBE_CONTENT_TYPE = "application/vnd.ms.wms-hdr.asfv1";

    /** Content-Type of a Play answer. */
    public static final String PLAY_CONTENT_TYPE = "application/x-mms-framed";

    /** Content-Type of raw ASF to plain HTTP clients. */
    public static final String PLAIN_CONTENT_TYPE = "video/x-ms-asf";

    /** Content-Type of error bodies. */
    public static final String ERROR_CONTENT_TYPE = "text/plain; charset=utf-8";

    /** The {@code Allow} value a 405 must carry. */
    public static final String ALLOW = "GET, HEAD, POST";

    private static final String CRLF = "\r\n";
    private static final String BROADCAST = "broadcast";
    private static final String SEEKABLE = "seekable";
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private ResponseHeads() {
    }

    /**
     * The head of a Describe answer; the body is the {@code $H} chunk, then the connection closes.
     *
     * @param headerChunkLength the length of the {@code $H} chunk (12 + ASF header length)
     * @param clientId          the session id to announce, 0 to 2^32 - 1
     * @return the head, ending with the empty line
     * @throws IllegalArgumentException if the length is not positive or the id is out of range
     */
    public static byte[] describe(int headerChunkLength, long clientId) {
        if (headerChunkLength <= 0) {
            throw new IllegalArgumentException("headerChunkLength must be positive: " + headerChunkLength);
        }
        return wmsp(DESCRIBE_CONTENT_TYPE, "Content-Length: " + headerChunkLength + CRLF, clientId, BROADCAST);
    }

    /**
     * The head of a Describe answer for a file served on demand: as {@link #describe}, but
     * {@code features="seekable"}, which VLC, libmms and MPlayer read as "on demand" (VLC then
     * seeks; research on-demand-mbr-push.md §2.1). Not {@code stridable}: rates other than 1 are
     * not served.
     *
     * @param headerChunkLength the length of the {@code $H} chunk (12 + ASF header length)
     * @param clientId          the session id to announce, 0 to 2^32 - 1
     * @return the head, ending with the empty line
     * @throws IllegalArgumentException if the length is not positive or the id is out of range
     */
    public static byte[] describeOnDemand(int headerChunkLength, long clientId) {
        if (headerChunkLength <= 0) {
            throw new IllegalArgumentException("headerChunkLength must be positive: " + headerChunkLength);
        }
        return wmsp(DESCRIBE_CONTENT_TYPE, "Content-Length: " + headerChunkLength + CRLF, clientId, SEEKABLE);
    }

    /**
     * The head of a Play answer for a file served on demand ({@code features="seekable"}); the body
     * ({@code $H}, {@code $D}..., {@code $E}) ends when the connection closes.
     *
     * @param clientId the session id, 0 to 2^32 - 1
     * @return the head, ending with the empty line
     * @throws IllegalArgumentException if the id is out of range
     */
    public static byte[] playOnDemand(long clientId) {
        return wmsp(PLAY_CONTENT_TYPE, "", clientId, SEEKABLE);
    }

    /**
     * The head of a Play answer. No Content-Length: the body ({@code $H}, {@code $D}...,
     * {@code $E}) ends when the connection closes.
     *
     * @param clientId the session id, the client's own if it sent a known one; 0 to 2^32 - 1
     * @return the head, ending with the empty line
     * @throws IllegalArgumentException if the id is out of range
     */
    public static byte[] play(long clientId) {
        return wmsp(PLAY_CONTENT_TYPE, "", clientId, BROADCAST);
    }

    /**
     * The head for a plain HTTP client, followed by raw ASF (header, then packets) until close.
     * No Content-Length (live), no Pragma, no Icy headers.
     *
     * @return the head, ending with the empty line
     */
    public static byte[] plainStream() {
        return ascii("HTTP/1.0 200 OK" + CRLF
                + "Server: " + SERVER + CRLF
                + "Content-Type: " + PLAIN_CONTENT_TYPE + CRLF
                + "Cache-Control: no-cache" + CRLF
                + "Connection: close" + CRLF
                + CRLF);
    }

    /**
     * The answer to HEAD: what a GET from the same protocol would get, without a body. For WMSP
     * that is a Describe head without Content-Length, since the length of a body not sent would
     * only mislead.
     *
     * @param protocol the requesting client's protocol
     * @param clientId the session id for a WMSP head, 0 to 2^32 - 1 (unused for plain HTTP)
     * @return the head, ending with the empty line
     * @throws IllegalArgumentException if the id is out of range
     */
    public static byte[] head(ClientProtocol protocol, long clientId) {
        checkClientId(clientId);
        return protocol == ClientProtocol.MS_WMSP ? wmsp(DESCRIBE_CONTENT_TYPE, "", clientId, BROADCAST) : plainStream();
    }

    /**
     * A complete error response: head and a one-line plain-text body (the sentence and a newline).
     * A 405 automatically carries {@code Allow: GET, HEAD, POST}.
     *
     * @param status            the status code, 400 to 599
     * @param sentence          what went wrong, for a person; sent as the UTF-8 body
     * @param retryAfterSeconds a {@code Retry-After} to add (for 503), or empty
     * @return the head followed by the body
     * @throws IllegalArgumentException if the status is not an error or Retry-After is negative
     */
    public static byte[] error(int status, String sentence, OptionalInt retryAfterSeconds) {
        return error(status, sentence, retryAfterSeconds, "");
    }

    /**
     * A complete 401 response that asks for HTTP Basic credentials for {@code realm} (a point's
     * path): MPlayer and FFmpeg answer it with the user and password of their URL.
     *
     * @param sentence what the player lacks, for a person
     * @param realm    the protection space, shown by clients that ask a person
     * @return the head followed by the body
     */
    public static byte[] unauthorized(String sentence, String realm) {
        String quoted = realm.replaceAll("[^\\x20-\\x7E]", "?").replace("\\", "\\\\").replace("\"", "\\\"");
        return error(401, sentence, OptionalInt.empty(), "WWW-Authenticate: Basic realm=\"" + quoted + "\"" + CRLF);
    }

    private static byte[] error(int status, String sentence, OptionalInt retryAfterSeconds, String extraFields) {
        Objects.requireNonNull(sentence, "sentence");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 400 to 599, not " + status);
        }
        if (retryAfterSeconds.isPresent() && retryAfterSeconds.getAsInt() < 0) {
            throw new IllegalArgumentException("Retry-After must not be negative: " + retryAfterSeconds.getAsInt());
        }
        byte[] body = (sentence + "\n").getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.0 ").append(status).append(' ').append(reasonPhrase(status)).append(CRLF)
                .append("Server: ").append(SERVER).append(CRLF)
                .append("Content-Type: ").append(ERROR_CONTENT_TYPE).append(CRLF)
                .append("Content-Length: ").append(body.length).append(CRLF);
        if (status == 405) {
            head.append("Allow: ").append(ALLOW).append(CRLF);
        }
        retryAfterSeconds.ifPresent(seconds -> head.append("Retry-After: ").append(seconds).append(CRLF));
        head.append(extraFields);
        head.append("Connection: close").append(CRLF).append(CRLF);
        byte[] headBytes = ascii(head.toString());
        byte[] response = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, response, 0, headBytes.length);
        System.arraycopy(body, 0, response, headBytes.length, body.length);
        return response;
    }

    /**
     * A complete 405 response with {@code Allow: GET, HEAD, POST}.
     *
     * @param sentence what went wrong, for a person
     * @return the head followed by the body
     */
    public static byte[] methodNotAllowed(String sentence) {
        return error(405, sentence, OptionalInt.empty());
    }

    /**
     * The complete response to a request the parser refused.
     *
     * @param rejected the parser's rejection
     * @return the head followed by the body
     */
    public static byte[] rejection(HeadParseResult.Rejected rejected) {
        return error(rejected.status(), rejected.reason(), OptionalInt.empty());
    }

    /**
     * The standard reason phrase for a status code (RFC 9110, RFC 6585).
     *
     * @param status the code
     * @return the phrase, or a generic one for codes without a standard phrase
     */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> status >= 500 ? "Server Error" : status >= 400 ? "Client Error" : "Unknown";
        };
    }

    private static byte[] wmsp(String contentType, String contentLengthLine, long clientId, String features) {
        checkClientId(clientId);
        return ascii("HTTP/1.0 200 OK" + CRLF
                + "Server: " + SERVER + CRLF
                + "Content-Type: " + contentType + CRLF
                + contentLengthLine
                + wmspTail(clientId, features));
    }

    /** The lines every WMSP answer ends with: three separate Pragma lines, as VLC's server sends. */
    private static String wmspTail(long clientId, String features) {
        return "Pragma: no-cache" + CRLF
                + "Pragma: client-id=" + clientId + CRLF
                + "Pragma: features=\"" + features + "\"" + CRLF
                + "Cache-Control: no-cache" + CRLF
                + "Connection: close" + CRLF
                + CRLF;
    }

    private static void checkClientId(long clientId) {
        if (clientId < 0 || clientId > UINT32_MAX) {
            throw new IllegalArgumentException("a client id is a 32-bit unsigned number, not " + clientId);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
