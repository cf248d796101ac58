package org.asfcast.bench.hostile;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request heads of the flood, by name: the two a real player sends, and bad and odd ones a
 * hostile or broken client sends. Each is built once; the server must answer every one with a
 * status and a sentence (or close), never hang, and keep serving the real players.
 */
final class OddHeads {

    private OddHeads() {
    }

    /** Name to head bytes, in a fixed order. */
    static Map<String, byte[]> all(String host) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("play", PlayRequest.play(host));
        m.put("describe", PlayRequest.describe(host));
        m.put("plain GET, unknown path", latin1("GET /nothing-here HTTP/1.1\r\nHost: " + host + "\r\n\r\n"));
        m.put("850 Content-Length lines", latin1("GET / HTTP/1.1\r\nHost: " + host + "\r\n"
                + "Content-Length: 0\r\n".repeat(850) + "\r\n"));
        m.put("4,000 folded lines", latin1("GET / HTTP/1.1\r\nHost: " + host + "\r\nX-Folded: a\r\n"
                + " b\r\n".repeat(4000) + "\r\n"));
        m.put("16 KB User-Agent with control characters", latin1("GET / HTTP/1.0\r\nUser-Agent: "
                + "NS\u0001Player\u0007\u001b[2J\u007f\t".repeat(16 * 1024 / 16) + "\r\nPragma: xPlayStrm=1\r\n\r\n"));
        m.put("NUL in the target", latin1("GET /\u0000/../etc HTTP/1.0\r\n\r\n"));
        m.put("no version", latin1("GET /\r\n\r\n"));
        m.put("bare LF line ends", latin1("GET / HTTP/1.0\nUser-Agent: NSPlayer/7.10.0.3059\nPragma: xPlayStrm=1\n\n"));
        m.put("8 KB method", latin1("X".repeat(8192) + " / HTTP/1.0\r\n\r\n"));
        m.put("1,000 Pragma lines", latin1("GET / HTTP/1.0\r\nUser-Agent: NSPlayer/7.10.0.3059\r\n"
                + "Pragma: xPlayStrm=1\r\n".repeat(1000) + "\r\n"));
        m.put("huge numbers in Pragmas", latin1("GET / HTTP/1.0\r\nUser-Agent: NSPlayer/7.10.0.3059\r\nPragma: xPlayStrm=1\r\n"
                + "Pragma: client-id=99999999999999999999999\r\nPragma: stream-switch-count=2147483648\r\n"
                + "Pragma: stream-switch-entry=ffff:99999:0 \r\nPragma: rate=1e308,stream-time=-1\r\n\r\n"));
        m.put("POST with a huge Content-Length", latin1("POST / HTTP/1.0\r\nContent-Length: 999999999999\r\n"
                + "Content-Type: application/x-wms-sendevent\r\n\r\nxyz"));
        byte[] binary = new byte[2048];
        ThreadLocalRandom.current().nextBytes(binary);
        m.put("2 KB of random bytes", concat(binary, latin1("\r\n\r\n")));
        return m;
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
