package org.asfcast.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A one-file HTTP server on 127.0.0.1 for client tests: records every request head it receives
 * and answers through a {@link Responder}, then closes the connection (as MS-WMSP servers do).
 */
final class CannedServer implements AutoCloseable {

    /** Writes the whole response for one request. */
    interface Responder {
        void respond(String request, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Responder responder;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "canned-server");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closed = new CountDownLatch(1);

    CannedServer(Responder responder) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.responder = responder;
        threads.execute(this::acceptLoop);
    }

    /** A response head: status line, fields, blank line. */
    static byte[] head(String statusLine, String... fields) {
        StringBuilder text = new StringBuilder(statusLine).append("\r\n");
        for (String field : fields) {
            text.append(field).append("\r\n");
        }
        return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The head VLC's server sends, with the research's recommended Server value. */
    static byte[] wmspHead() {
        return head("HTTP/1.0 200 OK", "Content-Type: application/octet-stream", "Server: Cougar/4.1.0.3923",
                "Pragma: no-cache", "Pragma: client-id=4242", "Pragma: features=\"broadcast\"",
                "Cache-Control: no-cache", "Connection: close");
    }

    URI uri(String scheme) {
        return URI.create(scheme + "://127.0.0.1:" + server.getLocalPort() + "/live");
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    /** Blocks a responder until the server closes (bounded, so a forgotten close cannot hang a build). */
    void awaitClose() throws InterruptedException {
        closed.await(30, TimeUnit.SECONDS);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(5000);
            String request = readHead(socket.getInputStream());
            requests.add(request);
            OutputStream out = socket.getOutputStream();
            responder.respond(request, out);
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the client went away or the test ended; nothing to report
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while (head.size() < 65536 && (b = in.read()) >= 0) {
            head.write(b);
            byte[] sofar = head.toByteArray();
            int n = sofar.length;
            if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r' && sofar[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
