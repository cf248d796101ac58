package org.asfcast.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request heads a {@link LoadGenerator} player sends, each the way a real player sends it
 * (research {@code mms-http-protocol.md} §1.2, {@code on-demand-mbr-push.md} §2.2). None is
 * preceded by a Describe, which neither the servers measured nor these players' streams need.
 */
final class PlayRequests {

    private PlayRequests() {
    }

    /**
     * VLC's Play of a broadcast: {@code xPlayStrm=1}, HTTP/1.0, {@code NSPlayer/7.10.0.3059}, a
     * random {@code {babac001-…}} client GUID whose first group is the player's number.
     */
    static byte[] vlcPlay(LoadTarget to, int player) {
        return ascii("GET " + to.target() + " HTTP/1.0\r\nHost: " + to.host() + "\r\nAccept: */*\r\n"
                + "User-Agent: NSPlayer/7.10.0.3059\r\n"
                + "Pragma: no-cache,rate=1.000000,request-context=2\r\n"
                + "Pragma: xPlayStrm=1\r\n"
                + "Pragma: xClientGUID=" + guid(player) + "\r\n"
                + "Pragma: stream-switch-count=2\r\n"
                + "Pragma: stream-switch-entry=ffff:1:0 ffff:2:0 \r\n"
                + "Connection: Close\r\n\r\n");
    }

    /**
     * FFmpeg's Play of a file from {@code startMillis} (media time without the preroll), as
     * {@code ffmpeg -ss} sends it over mmsh: the time in a last Pragma line that FFmpeg glues to
     * {@code Connection: Close} (its missing CRLF, kept: the server must read it that way).
     * {@code stream-time=0} asks for the beginning.
     */
    static byte[] ffmpegPlay(LoadTarget to, int player, long startMillis) {
        return ascii("GET " + to.target() + " HTTP/1.1\r\n"
                + "Range: bytes=0-\r\n"
                + "Connection: close\r\n"
                + "Icy-MetaData: 1\r\n"
                + "Accept: */*\r\n"
                + "User-Agent: NSPlayer/4.1.0.3856\r\n"
                + "Host: " + to.host() + "\r\n"
                + "Pragma: no-cache,rate=1.000000,request-context=2\r\n"
                + "Pragma: xPlayStrm=1\r\n"
                + "Pragma: xClientGUID=" + guid(player) + "\r\n"
                + "Pragma: stream-switch-count=2\r\n"
                + "Pragma: stream-switch-entry=ffff:1:0 ffff:2:0 \r\n"
                + "Pragma: no-cache,rate=1.000000,stream-time=" + startMillis + "Connection: Close\r\n"
                + "\r\n");
    }

    /** A plain {@code GET}, as a browser or any non-WMSP player sends it. */
    static byte[] plainGet(LoadTarget to) {
        return ascii("GET " + to.target() + " HTTP/1.1\r\nHost: " + to.host() + "\r\nUser-Agent: asfcast-loadgen/1\r\n"
                + "Accept: */*\r\nConnection: close\r\n\r\n");
    }

    private static String guid(int player) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("{babac001-%04x-%04x-%04x-%012x}", player & 0xFFFF, random.nextInt(0x10000),
                random.nextInt(0x10000), random.nextLong(1L << 48));
    }

    private static byte[] ascii(String head) {
        return head.getBytes(StandardCharsets.ISO_8859_1);
    }
}
