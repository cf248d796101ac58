package org.asfcast.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.StreamProperties;

/**
 * Whose MS-WMSP requests the client sends, byte for byte as the research notes (§1.2) record them
 * from the players' source, so that a server under test sees real players' requests.
 */
public enum PlayerProfile {
    /**
     * VLC's mmsh access: HTTP/1.0, {@code NSPlayer/7.10.0.3059}, a random {@code {babac001-…}}
     * client GUID, hex stream numbers, audio and video streams listed (all selected here).
     */
    VLC("NSPlayer/7.10.0.3059"),
    /**
     * FFmpeg's mmsh protocol: HTTP/1.1 with http.c's {@code Range} and {@code Icy-MetaData}, the
     * fixed client GUID, decimal stream numbers, every stream listed, and the Play request's last
     * Pragma line glued to {@code Connection: Close} by FFmpeg's missing CRLF.
     */
    FFMPEG("NSPlayer/4.1.0.3856"),
    /**
     * A distribution server (an edge relaying an origin): VLC's request lines, but
     * {@code NSServer/4.1.0.3928} and every stream of the header asked for, so that the origin
     * sends the broadcast whole. A version below 5.0, because [MS-WMSP] §2.2.3.3 lets a server
     * strip the padding of {@code $D} packets for every client except an NSServer before 5.0: the
     * edge stores and serves full packets as the writer makes them. asfcast and VLC's mmsh output
     * send full packets to anyone.
     */
    DISTRIBUTION("NSServer/4.1.0.3928");

    private static final String FIXED_GUID = "{c77e7400-738a-11d2-9add-0020af0a3278}";

    private final String userAgent;

    PlayerProfile(String userAgent) {
        this.userAgent = userAgent;
    }

    /** The User-Agent this player sends. */
    public String userAgent() {
        return userAgent;
    }

    /** A client GUID as this player makes one (VLC: random per session; FFmpeg: always the same). */
    public String newClientGuid() {
        if (this == FFMPEG) {
            return FIXED_GUID;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("{babac001-%04x-%04x-%04x-%012x}", random.nextInt(0x10000), random.nextInt(0x10000),
                random.nextInt(0x10000), random.nextLong(1L << 48));
    }

    /** The Describe request (request-context=1) for {@code uri}, whose port is already resolved. */
    public byte[] describe(URI uri, int port, String clientGuid) {
        List<String> lines = new ArrayList<>();
        lines.add("GET " + target(uri) + " HTTP/1." + (this == FFMPEG ? "1" : "0"));
        if (this == FFMPEG) {
            lines.addAll(List.of("Range: bytes=0-", "Icy-MetaData: 1", "Accept: */*", "User-Agent: " + userAgent,
                    "Host: " + uri.getHost() + ":" + port));
        } else {
            lines.addAll(List.of("Host: " + uri.getHost() + ":" + port, "Accept: */*", "User-Agent: " + userAgent));
        }
        lines.add("Pragma: no-cache,rate=1.000000,stream-time=0,stream-offset=0:0,request-context=1,max-duration=0");
        lines.add("Pragma: xClientGUID=" + clientGuid);
        lines.add("Connection: Close");
        return join(lines);
    }

    /**
     * The Play request ({@code xPlayStrm=1}, request-context=2) asking for the streams of
     * {@code header}; {@code broadcast} picks VLC's live or on-demand first Pragma line.
     */
    public byte[] play(URI uri, int port, String clientGuid, AsfHeader header, boolean broadcast) {
        List<Integer> streams = requestedStreams(header);
        StringBuilder entries = new StringBuilder();
        for (int stream : streams) {
            // the spec and VLC write hex; FFmpeg writes decimal (same for streams 1..9)
            entries.append(this == FFMPEG ? String.format("ffff:%d:0 ", stream) : String.format("ffff:%x:0 ", stream));
        }
        List<String> lines = new ArrayList<>();
        lines.add("GET " + target(uri) + " HTTP/1." + (this == FFMPEG ? "1" : "0"));
        if (this == FFMPEG) {
            lines.addAll(List.of("Range: bytes=0-", "Connection: close", "Icy-MetaData: 1", "Accept: */*",
                    "User-Agent: " + userAgent, "Host: " + uri.getHost() + ":" + port));
            lines.add("Pragma: no-cache,rate=1.000000,request-context=2");
        } else {
            lines.addAll(List.of("Host: " + uri.getHost() + ":" + port, "Accept: */*", "User-Agent: " + userAgent));
            lines.add(broadcast ? "Pragma: no-cache,rate=1.000000,request-context=2"
                    : "Pragma: no-cache,rate=1.000000,stream-time=0,stream-offset=0:0,request-context=2,max-duration=0");
        }
        lines.add("Pragma: xPlayStrm=1");
        lines.add("Pragma: xClientGUID=" + clientGuid);
        lines.add("Pragma: stream-switch-count=" + streams.size());
        lines.add("Pragma: stream-switch-entry=" + entries);
        lines.add(this == FFMPEG ? "Pragma: no-cache,rate=1.000000,stream-time=0Connection: Close" : "Connection: Close");
        return join(lines);
    }

    /** The stream numbers this player lists: VLC only audio and video, FFmpeg and a distribution server every stream. */
    public List<Integer> requestedStreams(AsfHeader header) {
        Set<Integer> numbers = new LinkedHashSet<>();
        for (StreamProperties stream : header.streams()) {
            if (this != VLC || stream.isAudio() || stream.isVideo()) {
                numbers.add(stream.streamNumber());
            }
        }
        return List.copyOf(numbers);
    }

    /** The request target: path (or "/") and query, as the players send them. */
    static String target(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    private static byte[] join(List<String> lines) {
        return (String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
