package org.asfcast.netsink.wire;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The response heads of an archive point's plain-HTTP side: a file (200 or 206), 304, 416, a
 * folder's redirect and page. HTTP/1.0 with {@code Connection: close}, as every answer of the
 * server ({@link ResponseHeads}); the file heads carry the validators and
 * {@code Accept-Ranges: bytes}, which is what lets FFmpeg, VLC and MPlayer seek by Range. Pure.
 */
public final class FileHeads {

    /**
     * The Content-Type of an archived ASF file over plain HTTP. Not {@code video/x-ms-asf} nor
     * {@code video/x-ms-wmv}: MPlayer answers either by dropping the connection and asking again as
     * NSPlayer (mmsh), where it cannot seek by Range; with this one it stays on HTTP and seeks by
     * Range, and FFmpeg and VLC, which probe the content, seek by Range with any of the three
     * (measured: docs/interop-notes.md, "Archive files over plain HTTP").
     */
    public static final String FILE_CONTENT_TYPE = "application/octet-stream";

    /** The Content-Type of a folder page. */
    public static final String PAGE_CONTENT_TYPE = "text/html; charset=utf-8";

    private static final String CRLF = "\r\n";

    private FileHeads() {
    }

    /**
     * The head of a whole file, 200.
     *
     * @param validator the file's validators (its length is the Content-Length)
     * @return the head, ending with the empty line
     */
    public static byte[] whole(FileValidator validator) {
        return ascii("HTTP/1.0 200 OK" + CRLF + fileFields(validator, validator.length()) + close());
    }

    /**
     * The head of one part of a file, 206.
     *
     * @param validator the file's validators
     * @param part      the bytes sent, within the file
     * @return the head, ending with the empty line
     * @throws IllegalArgumentException if the part ends beyond the file
     */
    public static byte[] part(FileValidator validator, ByteRangeRequest.Part part) {
        if (part.last() >= validator.length()) {
            throw new IllegalArgumentException("part " + part + " ends beyond a file of " + validator.length() + " bytes");
        }
        return ascii("HTTP/1.0 206 Partial Content" + CRLF
                + "Content-Range: bytes " + part.first() + "-" + part.last() + "/" + validator.length() + CRLF
                + fileFields(validator, part.length()) + close());
    }

    /**
     * 304: the validators again, no body (RFC 9110 §15.4.5).
     *
     * @param validator the file's validators
     * @return the head, ending with the empty line
     */
    public static byte[] notModified(FileValidator validator) {
        return ascii("HTTP/1.0 304 Not Modified" + CRLF
                + "Server: " + ResponseHeads.SERVER + CRLF
                + "ETag: " + validator.etag() + CRLF
                + "Last-Modified: " + HttpDate.format(validator.lastModified()) + CRLF
                + close());
    }

    /**
     * 416 with {@code Content-Range: bytes *}{@code /length} and a sentence.
     *
     * @param length   the file's length
     * @param headOnly true for HEAD: the head without the body
     * @return the response
     */
    public static byte[] rangeNotSatisfiable(long length, boolean headOnly) {
        byte[] body = ("The range asked for lies beyond the end of this file of " + length + " bytes.\n")
                .getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.0 416 Range Not Satisfiable" + CRLF
                + "Server: " + ResponseHeads.SERVER + CRLF
                + "Content-Range: bytes */" + length + CRLF
                + "Accept-Ranges: bytes" + CRLF
                + "Content-Type: " + ResponseHeads.ERROR_CONTENT_TYPE + CRLF
                + "Content-Length: " + body.length + CRLF
                + close();
        return headOnly ? ascii(head) : join(ascii(head), body);
    }

    /**
     * 301 to a folder's form with its trailing '/', so the page's relative links resolve.
     *
     * @param location the encoded path to go to (starting with '/', see {@link UrlPath})
     * @param headOnly true for HEAD
     * @return the response
     */
    public static byte[] movedToFolder(String location, boolean headOnly) {
        for (int i = 0; i < location.length(); i++) {
            char c = location.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw new IllegalArgumentException("a Location is encoded ASCII without spaces: " + location);
            }
        }
        byte[] body = "This folder's address ends in '/'.\n".getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.0 301 Moved Permanently" + CRLF
                + "Server: " + ResponseHeads.SERVER + CRLF
                + "Location: " + location + CRLF
                + "Content-Type: " + ResponseHeads.ERROR_CONTENT_TYPE + CRLF
                + "Content-Length: " + body.length + CRLF
                + close();
        return headOnly ? ascii(head) : join(ascii(head), body);
    }

    /**
     * A folder page, 200: head and the UTF-8 body, or the head alone for HEAD.
     *
     * @param html     the page
     * @param headOnly true for HEAD
     * @return the response
     */
    public static byte[] page(String html, boolean headOnly) {
        Objects.requireNonNull(html, "html");
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.0 200 OK" + CRLF
                + "Server: " + ResponseHeads.SERVER + CRLF
                + "Content-Type: " + PAGE_CONTENT_TYPE + CRLF
                + "Content-Length: " + body.length + CRLF
                + "Cache-Control: no-cache" + CRLF
                // The page is ours and has no script: forbid any that a file name might smuggle in.
                + "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'" + CRLF
                + "X-Content-Type-Options: nosniff" + CRLF
                + close();
        return headOnly ? ascii(head) : join(ascii(head), body);
    }

    private static String fileFields(FileValidator validator, long contentLength) {
        return "Server: " + ResponseHeads.SERVER + CRLF
                + "Content-Type: " + FILE_CONTENT_TYPE + CRLF
                + "Content-Length: " + contentLength + CRLF
                + "Accept-Ranges: bytes" + CRLF
                + "ETag: " + validator.etag() + CRLF
                + "Last-Modified: " + HttpDate.format(validator.lastModified()) + CRLF;
    }

    private static String close() {
        return "Connection: close" + CRLF + CRLF;
    }

    private static byte[] join(byte[] head, byte[] body) {
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
