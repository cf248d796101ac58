package org.asfcast.netsink.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Request heads as real players send them (research §1.2), with {@code host:port} filled in.
 * Lines end in CRLF; {@link #bareLf} gives the LF-only variant.
 */
final class CapturedRequests {
    private CapturedRequests() {
    }

    static final String HOST = "Host: 127.0.0.1:8080\r\n";

    static final String FFMPEG_DESCRIBE = "GET /live HTTP/1.1\r\n"
            + "Range: bytes=0-\r\n"
            + "Icy-MetaData: 1\r\n"
            + "Accept: */*\r\n"
            + "User-Agent: NSPlayer/4.1.0.3856\r\n"
            + HOST
            + "Pragma: no-cache,rate=1.000000,stream-time=0,stream-offset=0:0,request-context=1,max-duration=0\r\n"
            + "Pragma: xClientGUID={c77e7400-738a-11d2-9add-0020af0a3278}\r\n"
            + "Connection: Close\r\n"
            + "\r\n";

    /** With FFmpeg's missing-CRLF bug: the last Pragma and "Connection: Close" are one line. */
    static final String FFMPEG_PLAY = "GET /live HTTP/1.1\r\n"
            + "Range: bytes=0-\r\n"
            + "Connection: close\r\n"
            + "Icy-MetaData: 1\r\n"
            + "Accept: */*\r\n"
            + "User-Agent: NSPlayer/4.1.0.3856\r\n"
            + HOST
            + "Pragma: no-cache,rate=1.000000,request-context=2\r\n"
            + "Pragma: xPlayStrm=1\r\n"
            + "Pragma: xClientGUID={c77e7400-738a-11d2-9add-0020af0a3278}\r\n"
            + "Pragma: stream-switch-count=2\r\n"
            + "Pragma: stream-switch-entry=ffff:1:0 ffff:2:0 \r\n"
            + "Pragma: no-cache,rate=1.000000,stream-time=0Connection: Close\r\n"
            + "\r\n";

    static final String VLC_DESCRIBE = "GET /live?token=abc%20d HTTP/1.0\r\n"
            + HOST
            + "Accept: */*\r\n"
            + "User-Agent: NSPlayer/7.10.0.3059\r\n"
            + "Pragma: no-cache,rate=1.000000,stream-time=0,stream-offset=0:0,request-context=1,max-duration=0\r\n"
            + "Pragma: xClientGUID={babac001-1234-5678-9abc-def012345678}\r\n"
            + "Connection: Close\r\n"
            + "\r\n";

    static final String VLC_PLAY_BROADCAST = "GET /live HTTP/1.0\r\n"
            + HOST
            + "Accept: */*\r\n"
            + "User-Agent: NSPlayer/7.10.0.3059\r\n"
            + "Pragma: no-cache,rate=1.000000,request-context=2\r\n"
            + "Pragma: xPlayStrm=1\r\n"
            + "Pragma: xClientGUID={babac001-1234-5678-9abc-def012345678}\r\n"
            + "Pragma: stream-switch-count=2\r\n"
            + "Pragma: stream-switch-entry=ffff:1:0 ffff:2:0 \r\n"
            + "Connection: Close\r\n"
            + "\r\n";

    /** VLC when it believes the stream seekable: a byte offset of 3 packets of 4096 bytes. */
    static final String VLC_PLAY_SEEKABLE = "GET /live HTTP/1.0\r\n"
            + HOST
            + "Accept: */*\r\n"
            + "User-Agent: NSPlayer/7.10.0.3059\r\n"
            + "Pragma: no-cache,rate=1.000000,stream-time=0,stream-offset=0:12288,request-context=2,max-duration=0\r\n"
            + "Pragma: xPlayStrm=1\r\n"
            + "Pragma: xClientGUID={babac001-1234-5678-9abc-def012345678}\r\n"
            + "Pragma: stream-switch-count=3\r\n"
            + "Pragma: stream-switch-entry=ffff:1:0 ffff:2:0 ffff:b:2 \r\n"
            + "Connection: Close\r\n"
            + "\r\n";

    static final String MPLAYER_DESCRIBE = "GET /live HTTP/1.0\r\n"
            + "Accept: */*\r\n"
            + "User-Agent: NSPlayer/4.1.0.3856\r\n"
            + HOST
            + "Pragma: xClientGUID={c77e7400-738a-11d2-9add-0020af0a3278}\r\n"
            + "Pragma: no-cache,rate=1.000000,stream-time=0,stream-offset=0:0,request-context=1,max-duration=0\r\n"
            + "Connection: Close\r\n"
            + "\r\n";

    /** MPlayer lists stream-switch-entry before stream-switch-count. */
    static final String MPLAYER_PLAY = "GET /live HTTP/1.0\r\n"
            + "Accept: */*\r\n"
            + "User-Agent: NSPlayer/4.1.0.3856\r\n"
            + HOST
            + "Pragma: xClientGUID={c77e7400-738a-11d2-9add-0020af0a3278}\r\n"
            + "Pragma: no-cache,rate=1.000000,stream-time=0,stream-offset=0:0,request-context=2,max-duration=0\r\n"
            + "Pragma: xPlayStrm=1\r\n"
            + "Pragma: stream-switch-entry=ffff:1:0 ffff:2:0 \r\n"
            + "Pragma: stream-switch-count=2\r\n"
            + "Connection: Close\r\n"
            + "\r\n";

    /** WMP 9+ style Describe per the spec and Moonlight (no capture exists). */
    static final String WMP_DESCRIBE = "GET /live HTTP/1.0\r\n"
            + "Accept: */*\r\n"
            + "User-Agent: NSPlayer/12.00.7601.17514\r\n"
            + HOST
            + "Pragma: no-cache,rate=1.000000,stream-time=0,stream-offset=0:0,request-context=1,max-duration=0\r\n"
            + "Pragma: xClientGUID={3300AD50-2C39-46c0-AE0A-2F5A8A5D1E32}\r\n"
            + "Supported: com.microsoft.wm.srvppair, com.microsoft.wm.sswitch, com.microsoft.wm.predstrm, com.microsoft.wm.startupprofile\r\n"
            + "Pragma: packet-pair-experiment=1\r\n"
            + "Connection: Keep-Alive\r\n"
            + "\r\n";

    /** WMP-style Play: client-id echo, Moonlight's leading spaces, all streams listed. */
    static final String WMP_PLAY = "GET /live HTTP/1.0\r\n"
            + "Accept: */*\r\n"
            + "User-Agent: NSPlayer/12.00.7601.17514\r\n"
            + HOST
            + "Pragma: no-cache,rate=1.000000,request-context=2\r\n"
            + "Pragma: client-id=3735928559\r\n"
            + "Pragma: LinkBW=2147483647,rate=1.000, AccelDuration=20000, AccelBW=2147483647\r\n"
            + "Pragma: stream-time=0, packet-num=4294967295\r\n"
            + "Pragma: xPlayStrm=1\r\n"
            + "Pragma: xClientGUID={3300AD50-2C39-46c0-AE0A-2F5A8A5D1E32}\r\n"
            + "Pragma: stream-switch-count=3\r\n"
            + "Pragma: stream-switch-entry=ffff:1:0 ffff:2:0 ffff:3:2 \r\n"
            + "Supported: com.microsoft.wm.srvppair, com.microsoft.wm.sswitch, com.microsoft.wm.predstrm, com.microsoft.wm.startupprofile\r\n"
            + "Connection: Keep-Alive\r\n"
            + "\r\n";

    static final String WMP_POST_STOP = "POST /live HTTP/1.1\r\n"
            + "Accept: */*\r\n"
            + "User-Agent: NSPlayer/12.00.7601.17514\r\n"
            + HOST
            + "Pragma: client-id=3735928559\r\n"
            + "Pragma: xStopStrm=1\r\n"
            + "Content-Length: 0\r\n"
            + "Connection: Keep-Alive\r\n"
            + "\r\n";

    /**
     * WMP's KeepAlive while paused, byte for byte the example of [MS-WMSP] §2.2.2.3.1 (research
     * on-demand-mbr-push.md §2.5), an absolute URL as the spec writes it.
     */
    static final String WMP_KEEPALIVE_IN_PAUSE = "POST http://content.microsoft.net/archive/a.wmv HTTP/1.0\r\n"
            + "Accept: */*\r\n"
            + "User-Agent: NSPlayer/10.0.0.3802\r\n"
            + "Host: SampleServer\r\n"
            + "Pragma: xClientGUID={11223344-1122-1122-1122-AABBCCDDEEFF}\r\n"
            + "X-Accept-Authentication: Negotiate, NTLM, Digest, Basic\r\n"
            + "Pragma: xKeepAliveInPause=1\r\n"
            + "Pragma: client-id=4259367329\r\n"
            + "Content-Length: 0\r\n"
            + "Connection: Keep-Alive\r\n"
            + "\r\n";

    /** A body for {@link #WMP_LOG_STATS}: the start of a legacy XML log ([MS-WMLOG] §2.4). */
    static final String LOG_STATS_BODY = "<XML><Summary>0.0.0.0 2026-12-02 14:00:00 - 40 0 12 200 - 1</Summary></XML>";

    /**
     * WMP's log POST as [MS-WMSP] §2.2.2.4 gives it (research operations-and-mmst.md §1.1.3), to
     * the archive, its Content-Length that of {@link #LOG_STATS_BODY}; no Connection header, so
     * HTTP/1.1 keeps the connection.
     */
    static final String WMP_LOG_STATS = "POST /archive/a.wmv HTTP/1.1\r\n"
            + "User-Agent: NSPlayer/12.0.7724.0\r\n"
            + "Pragma: xClientGUID={BFE16E37-55EC-4AE4-A5A9-0B0D307F4B72}\r\n"
            + "X-Accept-Authentication: Negotiate, NTLM, Digest, Basic\r\n"
            + "Pragma: client-id=2338761264\r\n"
            + "Content-Type: application/x-wms-LogStats;charset=UTF-8\r\n"
            + "Content-Length: " + LOG_STATS_BODY.length() + "\r\n"
            + "\r\n";

    /**
     * WMP's SelectStream in non-pipelined mode ([MS-WMSP] §3.1.4.3.1, research §3.2): a POST with
     * its client-id and the new {@code stream-switch-entry}. No capture or spec example exists;
     * composed from the KeepAlive's lines and the spec's entry syntax.
     */
    static final String WMP_SELECT_STREAM = "POST /archive/a.wmv HTTP/1.0\r\n"
            + "Accept: */*\r\n"
            + "User-Agent: NSPlayer/10.0.0.3802\r\n"
            + HOST
            + "Pragma: xClientGUID={11223344-1122-1122-1122-AABBCCDDEEFF}\r\n"
            + "Pragma: client-id=4259367329\r\n"
            + "Pragma: stream-switch-count=3\r\n"
            + "Pragma: stream-switch-entry=ffff:1:2 ffff:2:0 ffff:3:0 \r\n"
            + "Content-Length: 0\r\n"
            + "Connection: Keep-Alive\r\n"
            + "\r\n";

    static final String LOG_LINE = "127.0.0.1 2024-05-01 10:00:00 mmsh://127.0.0.1:8080/live 0 12, 1 200 NSPlayer/7.1.0.3055";

    static final String WMP_POST_LOG = "POST /live HTTP/1.0\r\n"
            + "User-Agent: NSPlayer/7.1.0.3055\r\n"
            + HOST
            + "Pragma: client-id=12345, log-line=" + LOG_LINE + "\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";

    static final String FFMPEG_HTTP = "GET /live HTTP/1.1\r\n"
            + "User-Agent: Lavf/60.16.100\r\n"
            + "Accept: */*\r\n"
            + "Range: bytes=0-\r\n"
            + "Connection: close\r\n"
            + HOST
            + "Icy-MetaData: 1\r\n"
            + "\r\n";

    static final String CURL_HEAD = "HEAD /live HTTP/1.1\r\n"
            + HOST
            + "User-Agent: curl/8.5.0\r\n"
            + "Accept: */*\r\n"
            + "\r\n";

    static final List<String> ALL = List.of(FFMPEG_DESCRIBE, FFMPEG_PLAY, VLC_DESCRIBE, VLC_PLAY_BROADCAST,
            VLC_PLAY_SEEKABLE, MPLAYER_DESCRIBE, MPLAYER_PLAY, WMP_DESCRIBE, WMP_PLAY, WMP_POST_STOP, WMP_POST_LOG,
            FFMPEG_HTTP, CURL_HEAD);

    static byte[] bytes(String request) {
        return request.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String bareLf(String request) {
        return request.replace("\r\n", "\n");
    }

    /** Parses a whole request in one piece; fails the test unless it is complete. */
    static RequestHead parse(String request) {
        HeadParseResult result = new RequestHeadParser().feed(ByteBuffer.wrap(bytes(request)));
        if (!(result instanceof HeadParseResult.Complete complete)) {
            throw new AssertionError("expected a complete head but got " + result);
        }
        return complete.head();
    }
}
