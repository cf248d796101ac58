package org.asfcast.netsink.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.asfcast.netsink.wire.HeadParseResult.Complete;
import org.asfcast.netsink.wire.HeadParseResult.NeedMore;
import org.asfcast.netsink.wire.HeadParseResult.Rejected;

/**
 * Reads one HTTP/1.x request head from bytes that arrive in pieces, as players send them.
 *
 * <p>Feed every piece to {@link #feed(ByteBuffer)} until the result is {@link Complete} or
 * {@link Rejected}. The parser is lenient where real clients are sloppy and strict where sloppiness
 * would make the request ambiguous:
 * <ul>
 *   <li>lines may end in CRLF or a bare LF; empty lines before the request line are skipped;</li>
 *   <li>a header line needs a ':' but its value may contain more of them, so FFmpeg's glued last
 *       line {@code Pragma: ...,stream-time=0Connection: Close} is simply a Pragma value;</li>
 *   <li>a folded continuation line (starting with a space or tab) is joined to the previous value
 *       with one space, as RFC 9112 §5.2 allows;</li>
 *   <li>control bytes other than tab, a CR directly before LF, and LF are refused (400);</li>
 *   <li>a head longer than the limit is refused (431) without buffering more than the limit, and so
 *       is one with more than {@value #MAX_HEADER_LINES} header lines (folded ones included);</li>
 *   <li>only {@code HTTP/1.x} is spoken (anything else 400) and only GET, HEAD and POST are served
 *       (anything else 405, which must be answered with {@code Allow: GET, HEAD, POST}).</li>
 * </ul>
 *
 * <p>Work is linear in the head's size: a folded value grows in one buffer and a repeated
 * Content-Length is compared with the first one, not with every earlier field.
 *
 * <p>No input makes {@code feed} throw. One parser reads one head: connections close after each
 * response, so there is no reset. Not thread-safe; a connection feeds it from its own thread.
 */
public final class RequestHeadParser {
    /** The default limit on the request head, 16 KiB; real players send well under 1 KiB. */
    public static final int DEFAULT_MAX_HEAD_BYTES = 16 * 1024;

    /** The most header lines a head may have (continuations count); real players send about ten. */
    public static final int MAX_HEADER_LINES = 100;

    /** The methods this server answers; a 405 lists them in {@code Allow}. */
    public static final Set<String> ALLOWED_METHODS = Set.of("GET", "HEAD", "POST", "PUT"); // PUT: a publisher's (push points)

    private static final NeedMore NEED_MORE = new NeedMore();
    // A typical player request line fits; the buffer grows (never past the limit) for longer lines.
    private static final int FIRST_LINE_CAPACITY = 256;
    private static final int SHOWN_CHARS = 24;

    private final int maxHeadBytes;
    private byte[] line;
    private int lineLength;
    private int headBytes;
    private String method;
    private String path;
    private String query;
    private String version;
    private final List<HeaderField> fields = new ArrayList<>();
    // The last field, still open to continuation lines; added to fields at the next field or the end.
    private String openName;
    private final StringBuilder openValue = new StringBuilder();
    private int headerLines;
    private long contentLength = -1;
    private HeadParseResult outcome;

    /** A parser with the default limit of {@value #DEFAULT_MAX_HEAD_BYTES} bytes. */
    public RequestHeadParser() {
        this(DEFAULT_MAX_HEAD_BYTES);
    }

    /**
     * A parser that refuses heads longer than the given limit with 431.
     *
     * @param maxHeadBytes the largest head accepted, counting every byte up to and including the
     *                     empty line that ends it; at least 16
     * @throws IllegalArgumentException if the limit is below 16
     */
    public RequestHeadParser(int maxHeadBytes) {
        if (maxHeadBytes < 16) {
            throw new IllegalArgumentException("maxHeadBytes must be at least 16, was " + maxHeadBytes);
        }
        this.maxHeadBytes = maxHeadBytes;
        this.line = new byte[Math.min(FIRST_LINE_CAPACITY, maxHeadBytes)];
    }

    /**
     * Takes the next bytes of the request. Reads from the buffer's position and advances it past
     * every byte it used: all of them on {@link NeedMore}, the head's bytes on {@link Complete}
     * (what remains is the start of a body), the bytes up to the offending one on {@link Rejected}.
     *
     * <p>Once the result was {@code Complete} or {@code Rejected}, later calls take no bytes and
     * return the same result ({@code Complete} then reports 0 bytes consumed).
     *
     * @param input the bytes that arrived; not modified except for its position
     * @return need-more, the complete head, or a rejection with a 4xx status and a reason
     */
    public HeadParseResult feed(ByteBuffer input) {
        if (outcome instanceof Complete complete) {
            return new Complete(complete.head(), 0);
        }
        if (outcome != null) {
            return outcome;
        }
        int start = input.position();
        while (input.hasRemaining()) {
            HeadParseResult result = accept(input.get());
            if (result instanceof Complete complete) {
                outcome = new Complete(complete.head(), input.position() - start);
                return outcome;
            }
            if (result != null) {
                outcome = result;
                return result;
            }
        }
        return NEED_MORE;
    }

    /** Takes one byte; returns null to go on, or the final result. */
    private HeadParseResult accept(byte b) {
        if (headBytes == maxHeadBytes) {
            return new Rejected(431, "The request head is longer than " + maxHeadBytes + " bytes.");
        }
        headBytes++;
        int u = b & 0xFF;
        if (u == '\n') {
            return endOfLine();
        }
        if (u < 0x20 && u != '\t' && u != '\r' || u == 0x7F) {
            return new Rejected(400, String.format("The request head contains the control byte 0x%02X.", u));
        }
        if (lineLength == line.length) {
            // headBytes never passes the limit, so neither does a line.
            line = Arrays.copyOf(line, Math.min(line.length * 2, maxHeadBytes));
        }
        line[lineLength++] = b;
        return null;
    }

    private HeadParseResult endOfLine() {
        int n = lineLength;
        lineLength = 0;
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        for (int i = 0; i < n; i++) {
            if (line[i] == '\r') {
                return new Rejected(400, "A line of the request head contains a carriage return that does not end it.");
            }
        }
        String text = new String(line, 0, n, StandardCharsets.ISO_8859_1);
        if (method == null) {
            // RFC 9112 §2.2: a server SHOULD ignore empty lines received before the request line.
            return n == 0 ? null : requestLine(text);
        }
        if (n == 0) {
            closeOpenField();
            return new Complete(new RequestHead(method, path, query, version, fields), 0);
        }
        if (++headerLines > MAX_HEADER_LINES) {
            return new Rejected(431, "The request head has more than " + MAX_HEADER_LINES + " header lines.");
        }
        return headerLine(text);
    }

    private HeadParseResult requestLine(String text) {
        int firstSpace = text.indexOf(' ');
        int targetStart = skipSpaces(text, firstSpace);
        int secondSpace = firstSpace < 0 ? -1 : text.indexOf(' ', targetStart);
        int versionStart = skipSpaces(text, secondSpace);
        if (firstSpace <= 0 || secondSpace < 0 || versionStart >= text.length()
                || text.indexOf(' ', versionStart) >= 0) {
            return new Rejected(400, "The request line is malformed; expected \"METHOD /path HTTP/1.x\".");
        }
        String requestMethod = text.substring(0, firstSpace);
        String target = text.substring(targetStart, secondSpace);
        String requestVersion = text.substring(versionStart);
        if (!isToken(requestMethod)) {
            return new Rejected(400, "The request method is not a valid HTTP token.");
        }
        if (!requestVersion.matches("HTTP/1\\.[0-9]")) {
            return new Rejected(400, "The request names version \"" + shown(requestVersion)
                    + "\", but only HTTP/1.0 and HTTP/1.1 are spoken here.");
        }
        HeadParseResult targetProblem = readTarget(target);
        if (targetProblem != null) {
            return targetProblem;
        }
        if (!ALLOWED_METHODS.contains(requestMethod)) {
            return new Rejected(405, "The method " + shown(requestMethod)
                    + " is not supported here; use GET, HEAD or POST (or PUT to publish to a push point).");
        }
        method = requestMethod;
        version = requestVersion;
        return null;
    }

    private static int skipSpaces(String text, int from) {
        if (from < 0) {
            return from;
        }
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Splits the target into decoded path and raw query; returns a rejection or null. */
    private HeadParseResult readTarget(String target) {
        String rest;
        if (target.startsWith("/")) {
            rest = target;
        } else if (target.matches("(?s)[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            // Absolute form (what a client sends to a proxy); RFC 9112 §3.2.2 says accept it.
            int authority = target.indexOf("://") + 3;
            int end = authority;
            while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?'
                    && target.charAt(end) != '#') {
                end++;
            }
            rest = target.substring(end);
            if (!rest.startsWith("/")) {
                rest = "/" + rest;
            }
        } else {
            return new Rejected(400, "The request target must be a path starting with '/' or an absolute URL.");
        }
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            rest = rest.substring(0, fragment);
        }
        int question = rest.indexOf('?');
        String rawPath = question < 0 ? rest : rest.substring(0, question);
        query = question < 0 ? "" : rest.substring(question + 1);
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            int value = c;
            if (c == '%') {
                int high = i + 2 < rawPath.length() ? Character.digit(rawPath.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(rawPath.charAt(i + 2), 16);
                if (low < 0) {
                    return new Rejected(400, "The request path has a '%' that is not followed by two hex digits.");
                }
                value = high << 4 | low;
                i += 2;
            }
            if (value < 0x20 || value == 0x7F) {
                return new Rejected(400, "The request path contains a control character.");
            }
            decoded.write(value);
        }
        // Paths are UTF-8 by convention; a sloppy client's bad sequence becomes U+FFFD, not an error.
        path = decoded.toString(StandardCharsets.UTF_8);
        return null;
    }

    private HeadParseResult headerLine(String text) {
        char first = text.charAt(0);
        if (first == ' ' || first == '\t') {
            if (openName == null) {
                return new Rejected(400, "The first header line starts with white space.");
            }
            if (openName.equalsIgnoreCase("Content-Length")) {
                // Its number was checked on its own line; a continuation would make it another value.
                return new Rejected(400, "The Content-Length header continues on a folded line.");
            }
            if (openValue.length() > 0) {
                openValue.append(' ');
            }
            openValue.append(trim(text));
            return null;
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new Rejected(400, "A header line has no ':' between name and value.");
        }
        String name = text.substring(0, colon);
        if (!isToken(name)) {
            return new Rejected(400, "A header field name is empty or contains a space or another character not allowed in a name.");
        }
        String value = trim(text.substring(colon + 1));
        if (name.equalsIgnoreCase("Content-Length")) {
            if (!isContentLength(value)) {
                return new Rejected(400, "The Content-Length header is not a plain decimal number.");
            }
            long length = Long.parseLong(value);
            if (contentLength >= 0 && contentLength != length) {
                return new Rejected(400, "The request carries two different Content-Length values.");
            }
            contentLength = length;
        }
        closeOpenField();
        openName = name;
        openValue.append(value);
        return null;
    }

    private void closeOpenField() {
        if (openName != null) {
            fields.add(new HeaderField(openName, openValue.toString()));
            openName = null;
            openValue.setLength(0);
        }
    }

    /** True for 1 to 18 ASCII digits: a length that fits a long without overflow checks. */
    static boolean isContentLength(String value) {
        if (value.isEmpty() || value.length() > 18) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 §5.6.2 token: the characters allowed in methods and field names. */
    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Removes leading and trailing spaces and tabs (HTTP's optional white space). */
    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }

    /** Client text made safe to quote in a reason: printable ASCII only, and short. */
    private static String shown(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < SHOWN_CHARS; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7F && c != '"' ? c : '?');
        }
        if (text.length() > SHOWN_CHARS) {
            out.append("...");
        }
        return out.toString();
    }
}
