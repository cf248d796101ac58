package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every wrong input, run as a process: one line on standard error, a non-zero exit, no stack trace. */
class WrongInputIT {

    @TempDir
    Path dir;

    private static void assertOneLineError(AsfcastProcess p, String... expected) throws Exception {
        int code = p.await(Duration.ofSeconds(60));
        List<String> err = p.stderr().stream().filter(l -> !l.startsWith("asfcast: building")).toList();
        assertThat(code).as("exit code; stderr %s", err).isNotZero();
        assertThat(err).as("stderr").hasSize(1);
        assertThat(err.get(0)).startsWith("asfcast: ").doesNotContain("Exception", "\tat ");
        for (String text : expected) {
            assertThat(err.get(0)).contains(text);
        }
    }

    @Test
    void aMissingFile() throws Exception {
        try (AsfcastProcess p = AsfcastProcess.start("serve", dir.resolve("nothing.wmv").toString(), "--port", "0")) {
            assertOneLineError(p, "no such file", "nothing.wmv");
        }
    }

    /** {@code serve DIR} named neither the directory nor what serve wants ("Is a directory"). */
    @Test
    void aDirectoryToServe() throws Exception {
        try (AsfcastProcess p = AsfcastProcess.start("serve", dir.toString(), "--port", "0")) {
            assertOneLineError(p, dir + " is a directory", "ASF");
            assertThat(p.stdout()).as("nothing announced").isEmpty();
        }
    }

    /**
     * A {@code --record} file that cannot be written is refused before the port opens and the URLs
     * invite players (it failed only once they were printed): a directory, a missing folder, a
     * read-only file system.
     */
    @Test
    void aRecordFileThatCannotBeWritten() throws Exception {
        Path readOnly = Files.createDirectories(dir.resolve("read-only"));
        try (SmallFileSystem ro = SmallFileSystem.mount(readOnly, "ro,size=1m")) {
            String[][] cases = {
                    {dir.toString(), dir + " is a directory"},
                    {dir.resolve("missing/x.asf").toString(), "no such directory for --record: " + dir.resolve("missing")},
                    {readOnly.resolve("x.asf").toString(), "cannot record: " + readOnly.resolve("x.asf") + ": Read-only file system"},
            };
            for (String[] c : cases) {
                try (AsfcastProcess p = AsfcastProcess.start("serve", "--port", "0", "--record", c[0])) {
                    p.await(Duration.ofSeconds(60));
                    assertThat(p.stdout()).as("nothing announced for --record %s", c[0]).isEmpty();
                    assertOneLineError(p, c[1]);
                }
            }
        }
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    /** Not ASF (whatever its name), so FFmpeg is asked, and cannot read it either; or ASF that breaks after its start. */
    @Test
    void aFileThatIsNotAsfNorMediaFfmpegReads() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.wmv"), "these are words, not Windows Media");
        try (AsfcastProcess p = AsfcastProcess.start("serve", text.toString(), "--port", "0")) {
            assertOneLineError(p, "notes.wmv is not ASF, and FFmpeg cannot transcode notes.wmv: Invalid data found when processing input");
            assertThat(p.stdout()).as("nothing announced").isEmpty();
        }
        byte[] broken = java.util.Arrays.copyOf(java.util.HexFormat.of().parseHex("3026b2758e66cf11a6d900aa0062ce6c"), 64);
        Path asf = Files.write(dir.resolve("broken.wmv"), broken);
        try (AsfcastProcess p = AsfcastProcess.start("serve", asf.toString(), "--port", "0")) {
            assertOneLineError(p, "not a valid ASF", "byte 16");
        }
    }

    /**
     * A machine without FFmpeg: what needs it (a file that is not ASF, a {@code transcode:} point)
     * says what is missing and how to get it, before any port opens.
     */
    @Test
    void noFfmpegOnThePath() throws Exception {
        Path movie = org.asfcast.asf.testing.Ffmpeg.make(dir.resolve("movie.mp4"), "-f", "lavfi", "-i", "testsrc2", "-t", "1",
                "-c:v", "libx264", "-pix_fmt", "yuv420p");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String program : new String[] {"bash", "java", "dirname", "readlink", "find"}) { // what ./asfcast runs
            Path found = org.asfcast.writer.source.SearchPath.find(program, System.getenv("PATH")).orElseThrow();
            Files.createSymbolicLink(bin.resolve(program), found.toRealPath());
        }
        try (AsfcastProcess p = AsfcastProcess.startWithPath(bin.toString(), "serve", movie.toString(), "--port", "0")) {
            assertOneLineError(p, "movie.mp4 is not ASF, so serving it needs FFmpeg to transcode it, and ffmpeg is not on the PATH; "
                    + "install FFmpeg (Debian, Ubuntu: apt install ffmpeg) and start again");
            assertThat(p.stdout()).as("nothing announced").isEmpty();
        }
        Path config = Files.writeString(dir.resolve("asfcast.yml"), "port: 0\npoints:\n  - path: /movie\n    transcode: movie.mp4\n");
        try (AsfcastProcess p = AsfcastProcess.startWithPath(bin.toString(), "server", config.toString())) {
            assertOneLineError(p, config + ": /movie: transcode movie.mp4: transcoding needs FFmpeg, and ffmpeg is not on the PATH; "
                    + "install FFmpeg (Debian, Ubuntu: apt install ffmpeg)");
            assertThat(p.stdout()).as("nothing announced").isEmpty();
        }
    }

    @Test
    void aPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
             AsfcastProcess p = AsfcastProcess.start("serve", "--port", Integer.toString(taken.getLocalPort()))) {
            assertOneLineError(p, "port " + taken.getLocalPort());
        }
    }

    @Test
    void anUnreachableUrl() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        try (AsfcastProcess p = AsfcastProcess.start("probe", "mmsh://127.0.0.1:" + free + "/")) {
            assertOneLineError(p, "cannot connect");
        }
        try (AsfcastProcess p = AsfcastProcess.start("record", "mmsh://127.0.0.1:" + free + "/", dir.resolve("x.asf").toString())) {
            assertOneLineError(p, "cannot connect");
        }
    }

    /** A web page where a stream should be, and a missing path: one sentence each, no stack trace. */
    @Test
    void aServerThatHasNoStream() throws Exception {
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        web.createContext("/", exchange -> {
            byte[] page = "<html>hello</html>".getBytes(StandardCharsets.US_ASCII);
            boolean known = exchange.getRequestURI().getPath().equals("/");
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(known ? 200 : 404, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        web.start();
        try {
            String base = "127.0.0.1:" + web.getAddress().getPort();
            try (AsfcastProcess p = AsfcastProcess.start("probe", "mmsh://" + base + "/")) {
                assertOneLineError(p, "not a Windows Media stream");
            }
            try (AsfcastProcess p = AsfcastProcess.start("record", "http://" + base + "/nothing-here", dir.resolve("y.asf").toString())) {
                assertOneLineError(p, "404");
            }
        } finally {
            web.stop(0);
        }
    }

    @Test
    void badOptionValues() throws Exception {
        String[][] cases = {
                {"serve", "--port", "eighty"},
                {"serve", "--port", "70000"},
                {"serve", "--slow-client", "sometimes"},
                {"serve", "--delivery-interval", "5000"},
                {"serve", "--size", "7x"},
                {"serve", "--max-clients", "-3"},
                {"serve", "--bind", "not-an-address"},
                {"probe", "ftp://example/"},
                {"record", "mmsh://127.0.0.1:1/", "/no/such/dir/x.asf"},
                {"serve", "--no-such-option"},
                {"serve", "--loop"},
                {"serve", "-", "--packet-size", "1600"},
                {"frobnicate"},
        };
        for (String[] args : cases) {
            try (AsfcastProcess p = AsfcastProcess.start(args)) {
                assertOneLineError(p);
            }
        }
    }

    @Test
    void helpAndVersion() throws Exception {
        for (String[] args : new String[][] {{"--help"}, {"serve", "--help"}, {"probe", "--help"}, {"record", "--help"}}) {
            try (AsfcastProcess p = AsfcastProcess.start(args)) {
                assertThat(p.await(Duration.ofSeconds(60))).isZero();
                assertThat(String.join("\n", p.stdout())).contains("Usage:");
            }
        }
        try (AsfcastProcess p = AsfcastProcess.start("--version")) {
            assertThat(p.await(Duration.ofSeconds(60))).isZero();
            assertThat(p.stdout().get(0)).startsWith("asfcast ");
        }
    }
}
