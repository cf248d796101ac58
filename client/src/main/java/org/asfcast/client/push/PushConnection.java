package org.asfcast.client.push;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.asfcast.client.ResponseHead;
import org.asfcast.client.StreamProtocolException;

/**
 * One TCP connection to the server a push goes to: requests and frames out, answers in. Blocking,
 * used by the push sink's sending thread only. A PushStart is answered only when its body is
 * complete, or at once when refused, so the sender looks for an answer between frames
 * ({@link #answerWaiting()}) without waiting for one.
 */
final class PushConnection implements Closeable {
    /** The most of an answer's body read (a server's sentence); a longer body ends the connection. */
    private static final int BODY_LIMIT = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String server;
    /** When the write under way began (System.nanoTime), 0 when none is. */
    private volatile long writingSince;

    private PushConnection(Socket socket, String server) throws IOException {
        this.socket = socket;
        this.server = server;
        this.in = new BufferedInputStream(socket.getInputStream(), 4096);
        this.out = socket.getOutputStream();
    }

    /** An answer: its head and the first line of its body (empty when none). */
    record Answer(ResponseHead head, String serverLine, boolean keepsConnection) {
    }

    /** Connects to the target's host and port. */
    static PushConnection open(PushTarget target, Duration connectTimeout) throws IOException {
        Socket socket = new Socket();
        String server = target.hostHeader();
        try {
            socket.setTcpNoDelay(true); // a packet goes out when it is written: the server's players wait for it
            try {
                socket.connect(new InetSocketAddress(target.host(), target.port()),
                        Math.toIntExact(Math.max(1, connectTimeout.toMillis())));
            } catch (SocketTimeoutException e) {
                SocketTimeoutException named = new SocketTimeoutException("connecting to " + server + " took longer than "
                        + connectTimeout.toMillis() + " ms");
                named.initCause(e);
                throw named;
            }
            return new PushConnection(socket, server);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends bytes (a request head, a frame). */
    void send(byte[] bytes) throws IOException {
        writingSince = Math.max(1, System.nanoTime());
        try {
            out.write(bytes);
        } finally {
            writingSince = 0;
        }
    }

    /**
     * Whether a write has been blocked for {@code limitNanos} or more: the server stopped reading.
     * A socket write has no timeout of its own, so a watchdog asks this and closes the connection.
     */
    boolean stuck(long limitNanos) {
        long since = writingSince;
        return since != 0 && System.nanoTime() - since >= limitNanos;
    }

    /** Whether the server has sent something: an answer before the body was complete is a refusal. */
    boolean answerWaiting() throws IOException {
        return in.available() > 0;
    }

    /** Waits up to {@code timeout} for an answer to begin; empty when none came. */
    Optional<Answer> awaitAnswer(Duration timeout) throws IOException, StreamProtocolException {
        if (timeout.isZero()) {
            return answerWaiting() ? Optional.of(readAnswer(Duration.ofSeconds(5))) : Optional.empty();
        }
        socket.setSoTimeout(Math.toIntExact(Math.max(1, timeout.toMillis())));
        in.mark(1);
        try {
            if (in.read() < 0) {
                throw new IOException(server + " closed the connection without an answer");
            }
        } catch (SocketTimeoutException none) {
            return Optional.empty();
        }
        in.reset();
        return Optional.of(readAnswer(Duration.ofSeconds(5)));
    }

    /** Reads an answer: its head, then a body of at most {@link #BODY_LIMIT} bytes by its Content-Length. */
    Answer readAnswer(Duration timeout) throws IOException, StreamProtocolException {
        socket.setSoTimeout(Math.toIntExact(Math.max(1, timeout.toMillis())));
        ResponseHead head;
        try {
            head = ResponseHead.read(in);
        } catch (SocketTimeoutException e) {
            SocketTimeoutException named = new SocketTimeoutException(server + " sent no answer within "
                    + timeout.toMillis() + " ms");
            named.initCause(e);
            throw named;
        }
        long length = head.value("Content-Length").map(PushConnection::number).orElse(-1L);
        boolean keeps = keepsAlive(head);
        String line = "";
        if (length > 0) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            long toRead = Math.min(length, BODY_LIMIT);
            for (long i = 0; i < toRead; i++) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                body.write(b);
            }
            keeps &= length <= BODY_LIMIT;
            String text = body.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf('\n');
            line = (end < 0 ? text : text.substring(0, end)).strip();
        } else if (length < 0 && head.status() != 204 && head.status() != 304) {
            keeps = false; // a body that ends with the connection
        }
        return new Answer(head, line, keeps);
    }

    /** Whether the server keeps the connection after this answer (HTTP/1.1 unless it says close; 1.0 only if it says keep-alive). */
    static boolean keepsAlive(ResponseHead head) {
        String connection = String.join(",", head.values("Connection")).toLowerCase(Locale.ROOT);
        if (connection.contains("close")) {
            return false;
        }
        return !head.version().equals("HTTP/1.0") || connection.contains("keep-alive");
    }

    private static long number(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * After the last frame: ends the sending side and waits up to {@code timeout} for the server to
     * close (MS-WMHTTP §3.2.5.5: it MAY close without an answer after {@code $E} 0). An orderly
     * close or silence means the frames arrived; a reset means they may not have.
     *
     * @throws IOException when the connection was reset: what was written last may be lost
     */
    void finish(Duration timeout) throws IOException {
        socket.shutdownOutput();
        socket.setSoTimeout(Math.toIntExact(Math.max(1, timeout.toMillis())));
        byte[] discard = new byte[1024];
        try {
            while (in.read(discard) >= 0) {
                // an answer, if the server sends one, says nothing more than the close will
            }
        } catch (SocketTimeoutException silent) {
            // the server keeps the connection: it took the frames
        }
    }

    /** Closes at once (also from another thread, to stop a blocked sender). */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // a connection we are done with; nothing to do about a failure to close it
        }
    }
}
