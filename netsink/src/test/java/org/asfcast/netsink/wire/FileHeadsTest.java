package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The archive's response heads, byte for byte. */
class FileHeadsTest {

    private static final FileValidator FILE = FileValidator.of(1000, Instant.parse("1994-11-06T08:49:37Z"),
            OptionalLong.of(7));

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void wholeFile() {
        assertThat(text(FileHeads.whole(FILE))).isEqualTo("HTTP/1.0 200 OK\r\n"
                + "Server: Cougar/4.1.0.3923\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Length: 1000\r\n"
                + "Accept-Ranges: bytes\r\n"
                + "ETag: " + FILE.etag() + "\r\n"
                + "Last-Modified: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
                + "Connection: close\r\n\r\n");
    }

    @Test
    void partOfAFile() {
        assertThat(text(FileHeads.part(FILE, new ByteRangeRequest.Part(100, 199)))).isEqualTo(
                "HTTP/1.0 206 Partial Content\r\n"
                + "Content-Range: bytes 100-199/1000\r\n"
                + "Server: Cougar/4.1.0.3923\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Length: 100\r\n"
                + "Accept-Ranges: bytes\r\n"
                + "ETag: " + FILE.etag() + "\r\n"
                + "Last-Modified: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
                + "Connection: close\r\n\r\n");
        assertThatThrownBy(() -> FileHeads.part(FILE, new ByteRangeRequest.Part(0, 1000)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void notModifiedCarriesTheValidatorsAndNoBody() {
        assertThat(text(FileHeads.notModified(FILE))).startsWith("HTTP/1.0 304 Not Modified\r\n")
                .contains("ETag: " + FILE.etag() + "\r\n").doesNotContain("Content-Length").endsWith("\r\n\r\n");
    }

    @Test
    void unsatisfiableNamesTheLength() {
        String whole = text(FileHeads.rangeNotSatisfiable(1000, false));
        assertThat(whole).startsWith("HTTP/1.0 416 Range Not Satisfiable\r\n").contains("Content-Range: bytes */1000\r\n")
                .endsWith("\r\n\r\nThe range asked for lies beyond the end of this file of 1000 bytes.\n");
        assertThat(text(FileHeads.rangeNotSatisfiable(1000, true))).endsWith("\r\n\r\n");
    }

    @Test
    void aFolderRedirectNeedsAnEncodedLocation() {
        assertThat(text(FileHeads.movedToFolder("/archive/sub%20dir/", true)))
                .startsWith("HTTP/1.0 301 Moved Permanently\r\n").contains("Location: /archive/sub%20dir/\r\n");
        assertThatThrownBy(() -> FileHeads.movedToFolder("/a\r\nSet-Cookie: x/", false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPageIsUtf8HtmlThatMayRunNoScript() {
        String page = text(FileHeads.page("<p>é</p>", false));
        assertThat(page).contains("Content-Type: text/html; charset=utf-8\r\n")
                .contains("Content-Length: 9\r\n").contains("Content-Security-Policy: default-src 'none'")
                .endsWith("\r\n\r\n<p>é</p>");
    }

    @Test
    void aMetafileUrlIsEncoded() {
        String asx = AsxMetafile.text("A & B", "host:8080", "/archive/sub dir/a#1.wmv");
        assertThat(asx).startsWith("<ASX version=\"3.0\">")
                .contains("<TITLE>A &amp; B</TITLE>")
                .contains("<REF HREF=\"http://host:8080/archive/sub%20dir/a%231.wmv\" />\r\n"
                        + "    <REF HREF=\"mms://host:8080/archive/sub%20dir/a%231.wmv\" />");
    }
}
