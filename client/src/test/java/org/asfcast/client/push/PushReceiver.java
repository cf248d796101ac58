package org.asfcast.client.push;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.asfcast.asf.auth.AuthParams;
import org.asfcast.asf.auth.DigestAlgorithm;
import org.asfcast.asf.auth.DigestRequest;

/**
 * A server that takes MS-WMHTTP pushes and records them, for tests of a pusher: every request as
 * it came (request line, fields in order, a PushSetup's body) and every frame of every PushStart
 * body ({@code $H}, {@code $D}, {@code $C}, {@code $E}, {@code $F}), with the bytes of each body.
 * It answers as the research says Windows Media Services does ([MS-WMHTTP] §3.2, research §4.2,
 * §4.3): 204 with {@code Set-Cookie: push-id=...} and {@code Server: Cougar/9.01.01.3814}, exactly
 * cased; a PushStart only when its Content-Length is complete. It can ask for Basic or Digest credentials,
 * drop a connection in the middle of a body (once), forget its sessions, or say it is another
 * server. One thread per connection on 127.0.0.1; {@link #close()} ends them.
 *
 * <p>Not a server to push to in production: it keeps everything it is sent, and it checks
 * nothing a test does not ask about.
 */
public final class PushReceiver implements AutoCloseable {

    /** The Server header WMS 9 answers with, as Flumotion and PeerCast YT imitate it. */
    public static final String COUGAR = "Cougar/9.01.01.3814";

    /** One request head, and a PushSetup's body. */
    public record Request(String requestLine, List<String> fieldLines, String body, int connection) {
        /** The first value of a field (name case-insensitive). */
        public Optional<String> value(String name) {
            for (String line : fieldLines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return Optional.of(line.substring(colon + 1).trim());
                }
            }
            return Optional.empty();
        }

        /** Whether it is a PushSetup (by Content-Type). */
        public boolean isSetup() {
            return value("Content-Type").orElse("").startsWith(PushRequests.PUSH_SETUP);
        }

        /** Whether it is a PushStart (by Content-Type). */
        public boolean isStart() {
            return value("Content-Type").orElse("").startsWith(PushRequests.PUSH_START);
        }
    }

    /**
     * One frame of a PushStart body.
     *
     * @param type    the packet type: H, D, C, E or F
     * @param frame   the whole frame, framing header included
     * @param request the index in {@link #requests()} of the PushStart that carried it
     */
    public record Frame(char type, byte[] frame, int request) {
        /** What follows the 4-byte framing header. */
        public byte[] payload() {
            return java.util.Arrays.copyOfRange(frame, 4, frame.length);
        }

        /** The reason of an {@code $E} or {@code $C}. */
        public int reason() {
            return frame[4] & 0xFF | (frame[5] & 0xFF) << 8 | (frame[6] & 0xFF) << 16 | (frame[7] & 0xFF) << 24;
        }
    }

    private final ServerSocket server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Frame> frames = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Long> bodyBytes = new CopyOnWriteArrayList<>();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong nextId = new AtomicLong(4_124_758_405L);
    private volatile String credentials;
    private volatile String digestUser;
    private volatile String digestPassword;
    private final AtomicInteger nonces = new AtomicInteger();
    private final Set<String> freshNonces = ConcurrentHashMap.newKeySet();
    private final Set<String> staleNonces = ConcurrentHashMap.newKeySet();
    private volatile int dropAfterFrames = -1;
    private volatile boolean forgetOnDrop;
    private volatile String serverHeader = COUGAR;

    private PushReceiver() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "push-receiver");
        accept.setDaemon(true);
        accept.start();
    }

    /** A receiver listening on 127.0.0.1, on a free port. */
    public static PushReceiver start() throws IOException {
        return new PushReceiver();
    }

    /** {@code http://127.0.0.1:<port><pathAndQuery>}. */
    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getLocalPort() + pathAndQuery;
    }

    /** {@code http://user:password@127.0.0.1:<port><pathAndQuery>}. */
    public String url(String user, String password, String pathAndQuery) {
        return "http://" + user + ":" + password + "@127.0.0.1:" + server.getLocalPort() + pathAndQuery;
    }

    /** The port listened on. */
    public int port() {
        return server.getLocalPort();
    }

    /** From now on, every request must carry Basic credentials {@code user:password}; others get 401. */
    public PushReceiver requireBasic(String user, String password) {
        credentials = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * From now on, every request must carry Digest credentials for {@code user:password} (qop=auth,
     * SHA-256 or MD5, checked with asf's {@link DigestAlgorithm}); others get 401 with a new nonce,
     * offered as Digest SHA-256, Digest MD5 and Basic, as asfcast's server offers them.
     */
    public PushReceiver requireDigest(String user, String password) {
        digestUser = user;
        digestPassword = password;
        return this;
    }

    /** The nonces given so far are stale from now on: the right answer to one gets 401 with {@code stale=true}. */
    public PushReceiver expireNonces() {
        staleNonces.addAll(freshNonces);
        freshNonces.removeAll(staleNonces);
        return this;
    }

    /** Closes the connection abruptly (RST) after this many more frames, once; then, if asked, forgets its sessions. */
    public PushReceiver dropConnectionAfterFrames(int count, boolean forgetSessions) {
        forgetOnDrop = forgetSessions;
        dropAfterFrames = frames.size() + count;
        return this;
    }

    /** Answers with this Server header instead of {@link #COUGAR} (a plain web server). */
    public PushReceiver serverHeader(String value) {
        serverHeader = value;
        return this;
    }

    /** Every request so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Every frame so far, in order. */
    public List<Frame> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    /** The frames of one type, in order. */
    public List<Frame> frames(char type) {
        return frames().stream().filter(f -> f.type() == type).toList();
    }

    /** Bytes of each complete PushStart body, in order (each should equal its Content-Length). */
    public List<Long> completeBodies() {
        return List.copyOf(bodyBytes);
    }

    /** Waits until {@code condition} holds of this receiver; false after {@code timeout}. */
    public boolean await(Predicate<PushReceiver> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(this)) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.test(this);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                int number = connections.incrementAndGet();
                Thread t = new Thread(() -> serve(socket, number), "push-receiver-" + number);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket, int number) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                List<String> head = readHead(in);
                if (head == null) {
                    return;
                }
                long length = head.stream().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                        .map(l -> Long.parseLong(l.substring(15).trim())).findFirst().orElse(0L);
                Request peek = new Request(head.get(0), head.subList(1, head.size()), "", number);
                String body = peek.isSetup() ? new String(in.readNBytes((int) Math.min(length, 4096)), StandardCharsets.US_ASCII) : "";
                Request request = new Request(head.get(0), List.copyOf(head.subList(1, head.size())), body, number);
                requests.add(request);
                int index = requests.size() - 1;
                if (digestUser != null) {
                    Optional<Boolean> stale = digestRefusal(request);
                    if (stale.isPresent()) {
                        String nonce = "n" + nonces.incrementAndGet() + "-" + number;
                        freshNonces.add(nonce);
                        String challenge = "realm=\"asfcast push test\", qop=\"auth\", nonce=\"" + nonce + "\""
                                + (stale.get() ? ", stale=true" : "");
                        answer(out, "401 Unauthorized", "WWW-Authenticate: Digest " + challenge + ", algorithm=SHA-256",
                                "WWW-Authenticate: Digest " + challenge + ", algorithm=MD5",
                                "WWW-Authenticate: Basic realm=\"asfcast push test\"", "Content-Length: 0", "Connection: close");
                        return;
                    }
                }
                String expected = credentials;
                if (expected != null && !expected.equals(request.value("Authorization").orElse(""))) {
                    answer(out, "401 Unauthorized", "WWW-Authenticate: Basic realm=\"asfcast push test\"",
                            "Content-Length: 0", "Connection: close");
                    return; // a PushStart's body is not read: the client posts again on a new connection
                }
                if (request.isSetup()) {
                    String id = Long.toString(nextId.getAndIncrement());
                    sessions.add(id);
                    answer(out, "204 No Content", "Server: " + serverHeader, "Content-Length: 0",
                            "Pragma: no-cache, timeout=60000", "Cache-Control: no-cache", "Set-Cookie: push-id=" + id,
                            "Supported: com.microsoft.wm.srvppair, com.microsoft.wm.sswitch, com.microsoft.wm.predstrm, "
                                    + "com.microsoft.wm.fastcache, com.microsoft.wm.startupprofile");
                } else if (request.isStart()) {
                    String id = request.value("Cookie").orElse("").replaceFirst("^push-id=", "");
                    if (!sessions.contains(id)) {
                        byte[] sentence = ("no push session " + id + "\r\n").getBytes(StandardCharsets.US_ASCII);
                        answer(out, "404 Not Found", "Server: " + serverHeader, "Content-Length: " + sentence.length,
                                "Connection: close");
                        out.write(sentence);
                        return;
                    }
                    if (!readBody(socket, in, length, index)) {
                        return;
                    }
                    answer(out, "204 No Content", "Server: " + serverHeader, "Content-Length: 0",
                            "Pragma: no-cache, timeout=60000", "Cache-Control: no-cache", "Set-Cookie: push-id=" + id);
                } else {
                    answer(out, "400 Bad Request", "Server: " + serverHeader, "Content-Length: 0", "Connection: close");
                    return;
                }
            }
        } catch (IOException e) {
            // the pusher went away; what it sent is recorded
        }
    }

    /** Empty when the request's Digest credentials are right on a fresh nonce; else whether they were right on a stale one. */
    private Optional<Boolean> digestRefusal(Request request) {
        Optional<AuthParams> given = request.value("Authorization").flatMap(AuthParams::credentials).filter(a -> a.is("Digest"));
        if (given.isEmpty()) {
            return Optional.of(false);
        }
        AuthParams a = given.get();
        String nonce = a.param("nonce").orElse("");
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.named(a.param("algorithm").orElse("MD5"));
        if (algorithm.isEmpty() || a.param("nc").isEmpty() || a.param("cnonce").isEmpty()) {
            return Optional.of(false);
        }
        String method = request.requestLine().split(" ")[0];
        String expected = algorithm.get().response(new DigestRequest(digestUser, digestPassword, "asfcast push test", method,
                a.param("uri").orElse(""), nonce), a.param("qop"), a.param("nc").get(), a.param("cnonce").get());
        boolean right = a.param("username").equals(Optional.of(digestUser)) && a.param("response").equals(Optional.of(expected))
                && a.param("uri").equals(Optional.of(request.requestLine().split(" ")[1]));
        if (right && freshNonces.contains(nonce)) {
            return Optional.empty();
        }
        return Optional.of(right && staleNonces.contains(nonce));
    }

    /** Reads frames until the body is complete (true) or ends early: $E 0, a drop, the pusher closing (false). */
    private boolean readBody(Socket socket, InputStream in, long length, int request) throws IOException {
        long left = length;
        while (left > 0) {
            byte[] framing = in.readNBytes(4);
            if (framing.length < 4) {
                return false;
            }
            int size = framing[2] & 0xFF | (framing[3] & 0xFF) << 8;
            byte[] rest = in.readNBytes(size);
            if (rest.length < size) {
                return false;
            }
            byte[] frame = new byte[4 + size];
            System.arraycopy(framing, 0, frame, 0, 4);
            System.arraycopy(rest, 0, frame, 4, size);
            Frame f = new Frame((char) (framing[1] & 0xFF), frame, request);
            int count;
            synchronized (frames) {
                frames.add(f);
                count = frames.size();
            }
            left -= frame.length;
            if (count == dropAfterFrames) {
                dropAfterFrames = -1;
                if (forgetOnDrop) {
                    sessions.clear();
                }
                socket.setSoLinger(true, 0); // RST: the pusher sees the connection fail, not end
                socket.close();
                return false;
            }
            if (f.type() == 'E' && f.reason() == 0) {
                return false; // §3.2.5.5: the server MAY close without an answer
            }
        }
        bodyBytes.add(length - left);
        return true;
    }

    private static void answer(OutputStream out, String status, String... fields) throws IOException {
        StringBuilder text = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
        for (String field : fields) {
            text.append(field).append("\r\n");
        }
        out.write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The request line and field lines, or null when the connection ended first. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int size = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (++size > 64 * 1024) {
                throw new IOException("a request head over 64 KiB");
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                if (lines.isEmpty()) {
                    continue;
                }
                return lines;
            }
            lines.add(text);
        }
    }
}
