package org.asfcast.netsink.wire;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The ASX 3.0 metafile of a point: what a web page or a kiosk links to play it. It names the
 * point's {@code http://} URL first (every player that reads ASX plays it: WMP as MS-WMSP, VLC and
 * MPlayer as ASF over HTTP) and its {@code mms://} URL second, WMP's rollover. No XML declaration:
 * VLC recognises an ASX by {@code <asx} at the start (research: operations-and-mmst.md §1.5).
 * Pure.
 */
public final class AsxMetafile {

    /** The Content-Type of an .asx metafile. */
    public static final String CONTENT_TYPE = "video/x-ms-asf";

    private AsxMetafile() {
    }

    /**
     * The metafile's text.
     *
     * @param title     what players show as its title
     * @param authority {@code host:port} players reach the server by
     * @param path      the point's (or an archived file's) path, starting with '/', decoded: it is
     *                  percent-encoded here, so a name with spaces or '#' still names itself
     */
    public static String text(String title, String authority, String path) {
        return textForLink(title, authority, UrlPath.path(path));
    }

    /**
     * The metafile's text for a link already percent-encoded, with its query if any (a player
     * token: {@link PlayerCredentials#linkTo}).
     *
     * @param link the path and query after the authority, starting with '/'
     */
    public static String textForLink(String title, String authority, String link) {
        return entry(title, "http://" + authority + link, "mms://" + authority + link);
    }

    /**
     * The metafile served over TLS: one {@code https://} URL, the port it was asked on (no player
     * speaks MS-WMSP over TLS, so an {@code mms://} URL to a TLS port could not play).
     *
     * @param link the path and query after the authority, starting with '/'
     */
    public static String secureTextForLink(String title, String authority, String link) {
        return entry(title, "https://" + authority + link);
    }

    private static String entry(String title, String... urls) {
        Objects.requireNonNull(title, "title");
        StringBuilder refs = new StringBuilder();
        for (String url : urls) {
            refs.append("    <REF HREF=\"").append(escape(url)).append("\" />\r\n");
        }
        return "<ASX version=\"3.0\">\r\n"
                + "  <TITLE>" + escape(title) + "</TITLE>\r\n"
                + "  <ENTRY>\r\n"
                + "    <TITLE>" + escape(title) + "</TITLE>\r\n"
                + refs
                + "  </ENTRY>\r\n"
                + "</ASX>\r\n";
    }

    /** The complete response carrying {@code text}: head and body, or the head alone for HEAD. */
    public static byte[] response(String text, boolean headOnly) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.0 200 OK\r\n"
                + "Server: " + ResponseHeads.SERVER + "\r\n"
                + "Content-Type: " + CONTENT_TYPE + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        if (headOnly) {
            return head;
        }
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 ? '?' : c);
            }
        }
        return out.toString();
    }
}
