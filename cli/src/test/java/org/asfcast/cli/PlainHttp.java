package org.asfcast.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One plain HTTP/1.0 GET over a socket, as the simplest player sends it: the status, the headers
 * and, when the response says its length (a metafile, a refusal), the body. A stream's body is
 * not read: the connection is closed once its head is in.
 */
final class PlainHttp {

    private static final Duration READ_LIMIT = Duration.ofSeconds(15);

    /** The response: status, headers by lower-case name, body (empty for a stream). */
    record Reply(int status, Map<String, String> headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private PlainHttp() {
    }

    static Reply get(String url) throws IOException {
        return request(url, null, "User-Agent: asfcast-test\r\n");
    }

    /** A GET from the local address {@code from} (any of 127.0.0.0/8 reaches a loopback server). */
    static Reply get(String url, InetAddress from) throws IOException {
        return request(url, from, "User-Agent: asfcast-test\r\n");
    }

    /** An MS-WMSP Describe, as a Windows Media player sends it first: it takes no player's slot. */
    static Reply describe(String url) throws IOException {
        return request(url, null, "User-Agent: NSPlayer/7.10.0.3059\r\n"
                + "Pragma: no-cache,rate=1.000000,stream-time=0,stream-offset=0:0,request-context=1,max-duration=0\r\n"
                + "Pragma: xClientGUID={3300AD50-2C39-46c0-AE0A-000000000001}\r\n");
    }

    private static Reply request(String url, InetAddress from, String headerLines) throws IOException {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) READ_LIMIT.toMillis());
            socket.setSoTimeout((int) READ_LIMIT.toMillis());
            String request = "GET " + uri.getRawPath() + " HTTP/1.0\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\n" + headerLines + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String[] lines = head(in).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            String length = headers.get("content-length");
            String body = length == null ? "" : new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
            return new Reply(status, headers, body);
        }
    }

    /** The body of a GET that must succeed. */
    static String fetch(String url) throws IOException {
        Reply reply = get(url);
        if (reply.status() != 200) {
            throw new AssertionError(url + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.body();
    }

    /**
     * Waits until a Describe of {@code url} answers 200: the point has its header (a command's
     * encoder, the test pattern's first frame take a moment). A Describe takes no player's slot.
     */
    static void awaitServing(String url, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Reply last = null;
        while (System.nanoTime() < deadline) {
            last = describe(url);
            if (last.status() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(url + " still answers " + (last == null ? "nothing" : last.status() + " " + last.body())
                + " after " + timeout);
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed inside the response head: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 16384) {
                throw new IOException("a response head over 16 KiB");
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }
}
