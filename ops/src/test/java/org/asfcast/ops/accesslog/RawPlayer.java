package org.asfcast.ops.accesslog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hand-written MS-WMSP player (what WMP sends, from the research's captures): a Play request with
 * the pragmas a test chooses, read on a thread of its own until closed; and one-shot requests (a
 * log POST, a refused GET) that return the whole answer.
 */
final class RawPlayer implements AutoCloseable {

    private final Socket socket;
    private final AtomicLong received = new AtomicLong();
    private final Thread reader;

    private RawPlayer(Socket socket) {
        this.socket = socket;
        this.reader = new Thread(this::read, "raw-player");
        reader.setDaemon(true);
        reader.start();
    }

    /** Plays {@code path} as NSPlayer with these extra header lines (each ending in CRLF). */
    static RawPlayer play(int port, String path, String headerLines) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 3000);
        s.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nUser-Agent: NSPlayer/12.0.7724.0\r\nHost: 127.0.0.1\r\n"
                + "Pragma: xPlayStrm=1\r\n" + headerLines + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return new RawPlayer(s);
    }

    /** Waits until at least {@code bytes} have arrived. */
    RawPlayer awaitBytes(long bytes) throws InterruptedException {
        AccessLogWriterTest.waitFor(() -> received.get() >= bytes);
        return this;
    }

    private void read() {
        byte[] buf = new byte[8192];
        try (InputStream in = socket.getInputStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                received.addAndGet(n);
            }
        } catch (IOException closed) {
            // the test closed it
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Sends {@code request} and reads the whole answer until the server closes (bounded), as text. */
    static String send(int port, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 3000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; out.size() < 1 << 16 && (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
