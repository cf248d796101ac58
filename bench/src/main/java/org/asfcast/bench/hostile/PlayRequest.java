package org.asfcast.bench.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The requests a real player sends, and reading the status of the answer. The Play is VLC's
 * ({@code xPlayStrm=1}, HTTP/1.0, {@code NSPlayer/7.10.0.3059}, a random client GUID), as
 * {@code LoadGenerator} sends it; the Describe is the same without {@code xPlayStrm}.
 */
final class PlayRequest {

    /** The most bytes of a response head read before giving up on it. */
    static final int MAX_RESPONSE_HEAD = 64 * 1024;

    private PlayRequest() {
    }

    /** A Play request head for {@code host} ("127.0.0.1:8080"). */
    static byte[] play(String host) {
        return head(host, true);
    }

    /** A Describe request head for {@code host}. */
    static byte[] describe(String host) {
        return head(host, false);
    }

    private static byte[] head(String host, boolean play) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String guid = String.format("{babac001-%04x-%04x-%04x-%012x}", r.nextInt(0x10000), r.nextInt(0x10000),
                r.nextInt(0x10000), r.nextLong(1L << 48));
        String s = "GET / HTTP/1.0\r\nHost: " + host + "\r\nAccept: */*\r\n"
                + "User-Agent: NSPlayer/7.10.0.3059\r\n"
                + "Pragma: no-cache,rate=1.000000,request-context=" + (play ? 2 : 1) + "\r\n"
                + (play ? "Pragma: xPlayStrm=1\r\n" : "")
                + "Pragma: xClientGUID=" + guid + "\r\n"
                + (play ? "Pragma: stream-switch-count=2\r\nPragma: stream-switch-entry=ffff:1:0 ffff:2:0 \r\n" : "")
                + "Connection: Close\r\n\r\n";
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads a response head up to its blank line and returns its status code, or -1 when the
     * connection ended before a status line (the caller tells apart EOF, reset and timeout by the
     * exception or the -1).
     */
    static int readStatus(InputStream in) throws IOException {
        StringBuilder first = new StringBuilder();
        boolean firstDone = false;
        int last = 0; // the last four bytes, to find "\r\n\r\n"
        for (int n = 0; n < MAX_RESPONSE_HEAD; n++) {
            int b = in.read();
            if (b < 0) {
                return firstDone ? status(first) : -1;
            }
            if (!firstDone) {
                if (b == '\n') {
                    firstDone = true;
                } else if (b != '\r') {
                    first.append((char) b);
                }
            }
            last = last << 8 | b;
            if (last == 0x0D0A0D0A) {
                return status(first);
            }
        }
        throw new IOException("a response head longer than " + MAX_RESPONSE_HEAD + " bytes");
    }

    /** The status code of "HTTP/1.x NNN reason", or 0 when the line is not one. */
    static int status(CharSequence statusLine) {
        String[] parts = statusLine.toString().split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
