package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ArchiveHttp} on a real socket with raw requests: files, ranges, validators, pages, metafiles, traversal. */
class ArchiveHttpTest {

    @TempDir
    Path dir;
    Path root;
    byte[] file;
    ArchiveTestServer server;

    @BeforeEach
    void start() throws Exception {
        root = Files.createDirectories(dir.resolve("media"));
        file = new byte[100_000];
        new Random(7).nextBytes(file);
        Files.write(root.resolve("a.wmv"), file);
        Files.createDirectories(root.resolve("sub dir"));
        Files.write(root.resolve("sub dir/b.wma"), new byte[10]);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.wmv"), "secret");
        Files.createSymbolicLink(root.resolve("link-out"), outside);
        Files.createSymbolicLink(root.resolve("out.wmv"), outside.resolve("secret.wmv"));
        server = new ArchiveTestServer(root);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private String get(String target, String... fields) throws Exception {
        return ask("GET", target, fields);
    }

    private String ask(String method, String target, String... fields) throws Exception {
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: archive.example:8080\r\n"
                + "User-Agent: test\r\n");
        for (String field : fields) {
            request.append(field).append("\r\n");
        }
        return RawRequest.send(server.port(), request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8), 1 << 20);
    }

    private static String head(String reply) {
        return reply.substring(0, reply.indexOf("\r\n\r\n") + 4);
    }

    private static byte[] body(String reply) {
        return reply.substring(reply.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String field(String reply, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ": ([^\r\n]*)").matcher(head(reply));
        return m.find() ? m.group(1) : null;
    }

    @Test
    void aWholeFileWithItsValidators() throws Exception {
        String reply = get("/archive/a.wmv");
        assertThat(reply).startsWith("HTTP/1.0 200 OK\r\n");
        assertThat(field(reply, "Content-Length")).isEqualTo("100000");
        assertThat(field(reply, "Accept-Ranges")).isEqualTo("bytes");
        assertThat(field(reply, "Content-Type")).isEqualTo("application/octet-stream");
        assertThat(field(reply, "ETag")).matches("\"186a0-[0-9a-f]+-[0-9a-f]+\"");
        assertThat(field(reply, "Last-Modified")).endsWith(" GMT");
        assertThat(body(reply)).isEqualTo(file);
    }

    @Test
    void oneRangeIsExactlyThoseBytes() throws Exception {
        String reply = get("/archive/a.wmv", "Range: bytes=100-199");
        assertThat(reply).startsWith("HTTP/1.0 206 Partial Content\r\n");
        assertThat(field(reply, "Content-Range")).isEqualTo("bytes 100-199/100000");
        assertThat(body(reply)).isEqualTo(Arrays.copyOfRange(file, 100, 200));
        assertThat(body(get("/archive/a.wmv", "Range: bytes=-10"))).isEqualTo(Arrays.copyOfRange(file, 99_990, 100_000));
        assertThat(body(get("/archive/a.wmv", "Range: bytes=0-0"))).isEqualTo(new byte[] {file[0]});
    }

    @Test
    void beyondTheEndIs416AndSeveralRangesTheWholeFile() throws Exception {
        String beyond = get("/archive/a.wmv", "Range: bytes=99999999-");
        assertThat(beyond).startsWith("HTTP/1.0 416 ");
        assertThat(field(beyond, "Content-Range")).isEqualTo("bytes */100000");
        assertThat(get("/archive/a.wmv", "Range: bytes=-0")).startsWith("HTTP/1.0 416 ");
        assertThat(body(get("/archive/a.wmv", "Range: bytes=0-1,5-6"))).isEqualTo(file);
        assertThat(body(get("/archive/a.wmv", "Range: bytes=9-1"))).as("malformed: ignored").isEqualTo(file);
    }

    @Test
    void conditionalRequests() throws Exception {
        String first = get("/archive/a.wmv");
        String etag = field(first, "ETag");
        String modified = field(first, "Last-Modified");
        String notModified = get("/archive/a.wmv", "If-None-Match: " + etag);
        assertThat(notModified).startsWith("HTTP/1.0 304 Not Modified\r\n").endsWith("\r\n\r\n");
        assertThat(get("/archive/a.wmv", "If-Modified-Since: " + modified)).startsWith("HTTP/1.0 304 ");
        assertThat(get("/archive/a.wmv", "If-None-Match: \"old\"")).startsWith("HTTP/1.0 200 ");
        assertThat(get("/archive/a.wmv", "Range: bytes=0-9", "If-Range: " + etag)).startsWith("HTTP/1.0 206 ");
        String stale = get("/archive/a.wmv", "Range: bytes=0-9", "If-Range: \"old\"");
        assertThat(stale).startsWith("HTTP/1.0 200 ");
        assertThat(body(stale)).isEqualTo(file);
        assertThat(get("/archive/a.wmv", "If-Match: \"old\"")).startsWith("HTTP/1.0 412 ");
    }

    @Test
    void headIsTheSameHeadWithoutABody() throws Exception {
        String get = get("/archive/a.wmv", "Range: bytes=5-9");
        String head = ask("HEAD", "/archive/a.wmv", "Range: bytes=5-9");
        assertThat(head).isEqualTo(head(get));
    }

    @Test
    void postIsRefused() throws Exception {
        assertThat(ask("POST", "/archive/a.wmv", "Content-Length: 0")).startsWith("HTTP/1.0 405 ")
                .contains("read with GET or HEAD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/archive/../etc/passwd", "/archive/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/archive/%2E%2E%2Foutside%2Fsecret.wmv", "/archive/link-out/secret.wmv", "/archive/out.wmv",
            "/archive/link-out/", "/archive/%2fetc%2fpasswd", "/archive//etc/passwd", "/archive/..%5coutside%5csecret.wmv",
            "/archive/missing.wmv", "/archive/out.wmv.asx", "/archive/missing.wmv.asx", "/archive/sub%20dir.asx"})
    void outsideMissingAndHiddenAllLookTheSame(String target) throws Exception {
        String reply = get(target);
        assertThat(reply).startsWith("HTTP/1.0 404 ");
        assertThat(new String(body(reply), StandardCharsets.UTF_8)).isEqualTo(ArchiveHttp.NOT_FOUND + "\n");
    }

    @Test
    void aFolderWithoutItsSlashIsRedirected() throws Exception {
        assertThat(field(get("/archive"), "Location")).isEqualTo("/archive/");
        String sub = get("/archive/sub%20dir");
        assertThat(sub).startsWith("HTTP/1.0 301 ");
        assertThat(field(sub, "Location")).isEqualTo("/archive/sub%20dir/");
    }

    @Test
    void aFolderPageLinksItsFoldersFilesAndMetafiles() throws Exception {
        String page = get("/archive/");
        assertThat(page).startsWith("HTTP/1.0 200 OK\r\n");
        assertThat(field(page, "Content-Type")).isEqualTo("text/html; charset=utf-8");
        String html = new String(body(page), StandardCharsets.UTF_8);
        assertThat(html).contains("<a href=\"sub%20dir/\">sub dir/</a>")
                .contains("<a href=\"a.wmv\">a.wmv</a></td><td>-</td><td>-</td><td><a href=\"a.wmv.asx\">")
                .doesNotContain("link-out").doesNotContain("out.wmv").doesNotContain("../");
        assertThat(new String(body(get("/archive/sub%20dir/")), StandardCharsets.UTF_8))
                .contains("<a href=\"../\">").contains("<a href=\"b.wma\">");
    }

    @Test
    void aFileHasAMetafileNamingTheHostAskedFor() throws Exception {
        String reply = get("/archive/sub%20dir/b.wma.asx");
        assertThat(reply).startsWith("HTTP/1.0 200 OK\r\n");
        assertThat(field(reply, "Content-Type")).isEqualTo("video/x-ms-asf");
        assertThat(new String(body(reply), StandardCharsets.UTF_8)).startsWith("<ASX version=\"3.0\">")
                .contains("<TITLE>b.wma</TITLE>")
                .contains("<REF HREF=\"http://archive.example:8080/archive/sub%20dir/b.wma\" />\r\n"
                        + "    <REF HREF=\"mms://archive.example:8080/archive/sub%20dir/b.wma\" />");
    }

    @Test
    void aClientLeavingMidFileClosesTheFile() throws Exception {
        Path big = root.resolve("big.wmv");
        Files.write(big, new byte[64 << 20]);
        Path real = big.toRealPath();
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 3000);
            s.getOutputStream().write("GET /archive/big.wmv HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertThat(in.readNBytes(1000)).hasSize(1000);
            assertThat(OpenFiles.of(real)).as("the file is open while it is sent").isEqualTo(1);
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (OpenFiles.of(real) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(OpenFiles.of(real)).as("descriptors of the file left open").isZero();
    }
}
