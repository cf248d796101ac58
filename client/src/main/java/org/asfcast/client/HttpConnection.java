package org.asfcast.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One blocking HTTP exchange on its own TCP connection, as every MS-WMSP player makes one per
 * request: send the request, read the head, then the body until the server closes.
 */
final class HttpConnection implements Closeable {
    private static final int FIRST_LINE_LIMIT = 1024;

    private final URI uri;
    private final Socket socket;
    private final String server;
    private final long readTimeoutMillis;
    private final CountingInput in;

    private HttpConnection(URI uri, Socket socket, String server, long readTimeoutMillis) throws IOException {
        this.uri = uri;
        this.socket = socket;
        this.server = server;
        this.readTimeoutMillis = readTimeoutMillis;
        this.in = new CountingInput(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
    }

    /** Connects to the URI's host and port (or {@code defaultPort}) and sends {@code request}. */
    static HttpConnection open(URI uri, int port, Duration connectTimeout, Duration readTimeout, byte[] request)
            throws IOException {
        Socket socket = new Socket();
        String server = uri.getHost() + ":" + port;
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(Math.toIntExact(Math.max(1, readTimeout.toMillis())));
            try {
                socket.connect(new InetSocketAddress(uri.getHost(), port), Math.toIntExact(Math.max(1, connectTimeout.toMillis())));
            } catch (SocketTimeoutException e) {
                SocketTimeoutException named = new SocketTimeoutException("connecting to " + server + " took longer than "
                        + connectTimeout.toMillis() + " ms");
                named.initCause(e);
                throw named;
            }
            HttpConnection connection = new HttpConnection(uri, socket, server, readTimeout.toMillis());
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Reads the response head and insists on 200 and no chunked coding (players read the body
     * straight off the socket; a chunk-size line would be taken for framing).
     */
    ResponseHead readHead() throws IOException, StreamException {
        ResponseHead head = ResponseHead.read(in);
        if (head.status() != 200) {
            throw new HttpStatusException(uri, head.status(), head.reason(), firstBodyLine());
        }
        if (head.values("Transfer-Encoding").stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
            throw new StreamProtocolException(head.size(), "the response uses chunked transfer coding, which no "
                    + "Windows Media player decodes");
        }
        return head;
    }

    /** The body's first line, best effort and bounded: it only decorates an error. */
    private String firstBodyLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while (line.size() < FIRST_LINE_LIMIT && (b = in.read()) >= 0 && b != '\n') {
                line.write(b);
            }
        } catch (IOException e) {
            // whatever arrived before the stall or reset is all we show
        }
        return line.toString(StandardCharsets.ISO_8859_1).strip();
    }

    /** The body, counted from the start of the response; a stall raises {@link StreamStalledException}. */
    InputStream input() {
        return in;
    }

    /** Bytes of the response read so far, head included. */
    long position() {
        return in.position;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket we are done with; nothing to do about a failure
        }
    }

    /** Counts bytes and names the place of a read timeout. */
    private final class CountingInput extends InputStream {
        private final InputStream delegate;
        private long position;

        CountingInput(InputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public int read() throws IOException {
            try {
                int b = delegate.read();
                if (b >= 0) {
                    position++;
                }
                return b;
            } catch (SocketTimeoutException e) {
                throw stalled(e);
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            try {
                int n = delegate.read(bytes, offset, length);
                if (n > 0) {
                    position += n;
                }
                return n;
            } catch (SocketTimeoutException e) {
                throw stalled(e);
            }
        }

        @Override
        public int available() throws IOException {
            return delegate.available();
        }

        private StreamStalledException stalled(SocketTimeoutException cause) {
            StreamStalledException e = new StreamStalledException(server, readTimeoutMillis, position);
            e.initCause(cause);
            return e;
        }
    }
}
