package org.asfcast.ops.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.asf.testing.Unprivileged;
import org.asfcast.netsink.ArchivePoint;
import org.asfcast.netsink.ArchiveSettings;
import org.asfcast.netsink.BroadcastPoint;
import org.asfcast.netsink.DisconnectReason;
import org.asfcast.netsink.NetworkSinkConfig;
import org.asfcast.netsink.PlayerEvent;
import org.asfcast.netsink.PublishingPoint;
import org.asfcast.netsink.ServerObserver;
import org.asfcast.netsink.ServerSettings;
import org.asfcast.netsink.StreamingServer;
import org.asfcast.writer.source.TestPattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The access log of a real server: a broadcast (a test pattern) and a folder on demand, played by
 * FFmpeg (mmsh and plain http), VLC (unprivileged), MPlayer, FFmpeg on demand and a plain-HTTP
 * download; hand-made WMP sessions whose log POSTs (both forms) merge into their lines; refusals;
 * interim lines; a full disk. Every file is read back by a strict W3C reader.
 */
@Tag("interop")
class AccessLogServerTest {

    private static final String GUID_A = "{BFE16E37-55EC-4AE4-A5A9-0B0D307F4B72}";
    private static final String GUID_B = "{3300AD50-2C39-46C0-AE0A-2CA3A5A1E5F1}";

    @TempDir
    Path dir;

    private StreamingServer server;
    private TestPattern pattern;
    private AccessLog accessLog;
    private final List<PlayerEvent> ended = new CopyOnWriteArrayList<>();
    private final List<DisconnectReason> reasons = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger writerLogger = (Logger) LoggerFactory.getLogger(AccessLogWriter.class);

    @AfterEach
    void tearDown() throws Exception {
        writerLogger.detachAppender(logged);
        if (pattern != null) {
            pattern.stop();
        }
        if (server != null && server.isOpen()) {
            server.close();
        }
        if (accessLog != null) {
            accessLog.close();
        }
    }

    /** The server, its points fed, the access log observing it: to {@code access.log}, /small's to {@code small.log}. */
    private int open(Duration period, AccessLog.WriterFactory writers) throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Ffmpeg.make(media.resolve("clip.wmv"), "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-t", "4",
                "-c:v", "wmv2", "-g", "25", "-f", "asf");
        server = new StreamingServer(ServerSettings.defaults());
        BroadcastPoint radio = new BroadcastPoint("/radio",
                NetworkSinkConfig.builder().maximumClients(20).resolveNames(false).build().pointSettings());
        BroadcastPoint small = new BroadcastPoint("/small",
                NetworkSinkConfig.builder().maximumClients(1).resolveNames(false).build().pointSettings());
        server.publish("/radio", radio);
        server.publish("/small", small);
        server.publish("/files", new ArchivePoint("/files", media, ArchiveSettings.defaults()));
        AccessLogSettings settings = new AccessLogSettings(Optional.of(dir.resolve("access.log")),
                Map.of("/small", dir.resolve("small.log")), period, AccessLogSettings.DEFAULT_MAX_BYTES);
        accessLog = new AccessLog(settings, new AccessLog.ServerName("127.0.0.1", "asfcast.test"), path -> {
            PublishingPoint p = server.points().get(path);
            return p == null ? List.of() : p.clients();
        }, java.time.Clock.systemUTC(), () -> 0.25, writers);
        server.addObserver(new ServerObserver() {
            @Override
            public void playerEnded(PlayerEvent event, DisconnectReason reason) {
                ended.add(event);
                reasons.add(reason);
            }
        });
        server.addObserver(accessLog);
        pattern = TestPattern.builder().size(160, 120).framesPerSecond(25).build();
        Thread feed = new Thread(() -> {
            try {
                pattern.run(List.of(radio, small));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "test-pattern");
        feed.setDaemon(true);
        feed.start();
        int port = server.open(0);
        AccessLogWriterTest.waitFor(radio::isLive);
        return port;
    }

    private int open() throws Exception {
        return open(Duration.ZERO, (file, max) -> new AccessLogWriter(file, max, "asfcast test"));
    }

    /** Closes the server, then the log (so every line is in), and reads {@code file} strictly. */
    private W3cLog.Read closeAndRead(String file) throws Exception {
        pattern.stop();
        server.close();
        accessLog.close();
        System.out.println(file + ":\n" + Files.readString(dir.resolve(file)));
        return W3cLog.read(dir.resolve(file));
    }

    @Test
    void everyKindOfPlayerGetsALineWithEveryFieldAndTheBytesTheServerWrote() throws Exception {
        int port = open();
        String base = "127.0.0.1:" + port;
        Path ffmpeg = Tools.ffmpeg();
        Path cvlc = Tools.cvlc();
        Path mplayer = Tools.mplayer();
        Unprivileged.share(dir);
        List<CompletableFuture<ProcessRun>> runs = new ArrayList<>();
        runs.add(run(() -> List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-i", "mmsh://" + base + "/radio", "-t", "3",
                "-f", "null", "-")));
        runs.add(run(() -> List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-i", "http://" + base + "/radio", "-t", "3",
                "-f", "null", "-")));
        runs.add(run(() -> Unprivileged.command(List.of(cvlc.toString(), "-I", "dummy", "--play-and-exit", "--run-time=4",
                "--aout=dummy", "--vout=dummy", "mmsh://" + base + "/radio"))));
        runs.add(run(() -> List.of(mplayer.toString(), "-really-quiet", "-nolirc", "-noconsolecontrols", "-vo", "null",
                "-ao", "null", "-frames", "75", "mmsh://" + base + "/radio")));
        runs.add(run(() -> List.of(ffmpeg.toString(), "-nostdin", "-v", "error", "-i", "mmsh://" + base + "/files/clip.wmv",
                "-f", "null", "-")));
        Path download = dir.resolve("download.wmv");
        runs.add(run(() -> List.of(Tools.require("curl", "curl").toString(), "-sS", "-o", download.toString(),
                "http://" + base + "/files/clip.wmv")));
        for (CompletableFuture<ProcessRun> r : runs) {
            ProcessRun done = r.get(90, TimeUnit.SECONDS);
            assertThat(done.exitCode()).as("%s: %s", done.command(), done.stderr()).isZero();
        }
        AccessLogWriterTest.waitFor(() -> ended.size() >= 6);
        List<PlayerEvent> sessions = List.copyOf(ended);
        W3cLog.Read read = closeAndRead("access.log");

        assertThat(read.fields()).containsExactlyElementsOf(List.of(AccessLogLine.fieldsDirective().substring(9).split(" ")));
        assertThat(read.directives()).containsEntry("Software", "asfcast test").containsEntry("Version", "1.0");
        List<Map<String, String>> lines = read.entries();
        assertThat(lines).as("one line per session").hasSize(sessions.size());
        // Each session's line carries exactly the bytes and packets the server counted for it.
        List<String> expected = sessions.stream().map(e -> e.request().uri() + " " + e.client().bytesSent() + " "
                + (e.packetsSent()) + " " + e.request().clientId()).sorted().toList();
        List<String> logged = lines.stream().map(l -> l.get("cs-uri-stem") + " " + l.get("sc-bytes") + " "
                + l.get("s-pkts-sent") + " " + l.get("s-session-id")).sorted().toList();
        assertThat(logged).isEqualTo(expected);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        for (Map<String, String> l : lines) {
            assertThat(l.get("c-ip")).isEqualTo("127.0.0.1");
            assertThat(l.get("date")).isEqualTo(today);
            assertThat(l.get("c-status")).as("nobody sent a log").isEqualTo("408");
            assertThat(l.get("c-rate")).isEqualTo("1");
            assertThat(l.get("c-starttime")).isEqualTo("0");
            assertThat(l.get("protocol")).isEqualTo("http");
            assertThat(l.get("transport")).isEqualTo("TCP");
            assertThat(l.get("s-ip")).isEqualTo("127.0.0.1");
            assertThat(l.get("s-dns")).isEqualTo("asfcast.test");
            assertThat(l.get("s-cpu-util")).isEqualTo("25");
            assertThat(l.get("s-proxied")).isEqualTo("0");
            assertThat(Long.parseLong(l.get("sc-bytes"))).isPositive();
            assertThat(Long.parseLong(l.get("x-duration"))).isBetween(0L, 60L);
            assertThat(Integer.parseInt(l.get("s-totalclients"))).isBetween(0, 6);
            assertThat(l.get("cs(User-Agent)")).isNotEqualTo("-");
            assertThat(l.get("x-reason")).isIn("client-left", "end-of-stream");
        }
        assertThat(lines.stream().filter(l -> l.get("cs-uri-stem").equals("/radio"))).hasSize(4)
                .allSatisfy(l -> assertThat(Long.parseLong(l.get("x-duration"))).isGreaterThanOrEqualTo(2));
        List<Map<String, String>> onDemand = lines.stream().filter(l -> l.get("cs-uri-stem").equals("/files/clip.wmv")).toList();
        assertThat(onDemand).hasSize(2);
        assertThat(onDemand).anySatisfy(l -> {
            assertThat(l.get("s-pkts-sent")).as("the MS-WMSP play").isNotEqualTo("0");
            assertThat(l.get("x-reason")).isEqualTo("end-of-stream");
        });
        long fileBytes = Files.size(dir.resolve("media/clip.wmv"));
        assertThat(Files.size(download)).isEqualTo(fileBytes);
        assertThat(onDemand).anySatisfy(l -> {
            assertThat(l.get("cs(User-Agent)")).startsWith("curl/");
            assertThat(Long.parseLong(l.get("sc-bytes"))).as("the head and the whole file").isGreaterThan(fileBytes)
                    .isLessThan(fileBytes + 1000);
        });
    }

    @Test
    void playersLogsOfBothFormsMergeIntoTheirSessionsLinesAndOthersAre408() throws Exception {
        int port = open(Duration.ofSeconds(2), (file, max) -> new AccessLogWriter(file, max, "asfcast test"));
        // A: plays, leaves, then POSTs its LogStats XML with its client id (the stream's end comes first).
        try (RawPlayer a = RawPlayer.play(port, "/radio", "Pragma: client-id=2338761264\r\nPragma: xClientGUID=" + GUID_A + "\r\n")) {
            a.awaitBytes(20_000);
        }
        String xml = PlayerLogReportTest.LOG_STATS;
        String answer = RawPlayer.send(port, "POST /radio HTTP/1.1\r\nUser-Agent: NSPlayer/12.0.7724.0\r\nHost: 127.0.0.1\r\n"
                + "Pragma: xClientGUID=" + GUID_A + "\r\nPragma: client-id=2338761264\r\n"
                + "Content-Type: application/x-wms-LogStats;charset=UTF-8\r\nConnection: close\r\n"
                + "Content-Length: " + xml.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + xml);
        assertThat(answer).startsWith("HTTP/1.1 204 No Content");
        // B: POSTs the legacy pragma form while it still plays, by GUID only; its end comes after.
        try (RawPlayer b = RawPlayer.play(port, "/radio", "Pragma: xClientGUID=" + GUID_B + "\r\n")) {
            b.awaitBytes(20_000);
            String legacy = RawPlayer.send(port, "POST /radio HTTP/1.0\r\nUser-Agent: NSPlayer/9.0.0.2980\r\n"
                    + "Pragma: xClientGUID=" + GUID_B + "\r\nPragma: log-line=" + PlayerLogReportTest.LEGACY.replace(GUID_A, GUID_B)
                    + "\r\n\r\n");
            assertThat(legacy).startsWith("HTTP/1.0 204 No Content");
        }
        // C: plays past the interim period and sends nothing.
        try (RawPlayer c = RawPlayer.play(port, "/radio?token=s3cretS3cret", "")) {
            c.awaitBytes(20_000);
            Thread.sleep(5000);
        }
        // A malformed log from a stranger changes nothing and is answered the same.
        assertThat(RawPlayer.send(port, "POST /radio HTTP/1.0\r\nUser-Agent: NSPlayer/9.0\r\nPragma: log-line=garbage\r\n\r\n"))
                .startsWith("HTTP/1.0 204");
        AccessLogWriterTest.waitFor(() -> ended.size() == 3);
        Thread.sleep(AccessLog.REPORT_WAIT.toMillis() + 1000); // C waits for a log that never comes
        List<Map<String, String>> lines = closeAndRead("access.log").entries();

        List<Map<String, String>> finals = lines.stream().filter(l -> !l.get("c-status").equals("299")).toList();
        assertThat(finals).hasSize(3);
        Map<String, String> a = finals.stream().filter(l -> l.get("s-session-id").equals("2338761264")).findFirst().orElseThrow();
        assertThat(a.get("c-status")).isEqualTo("200");
        assertThat(a.get("c-playerid")).isEqualTo(GUID_A);
        assertThat(a.get("c-bytes")).as("the XML element, over its summary").isEqualTo("1702402");
        assertThat(a.get("c-quality")).isEqualTo("99");
        assertThat(a.get("cs-media-name")).isEqualTo("Morning_&_news");
        assertThat(a.get("c-ip")).as("the server's, not the log's 0.0.0.0").isEqualTo("127.0.0.1");
        Map<String, String> b = finals.stream().filter(l -> l.get("c-playerid").equals(GUID_B)).findFirst().orElseThrow();
        assertThat(b.get("c-status")).isEqualTo("200");
        assertThat(b.get("c-hostexe")).isEqualTo("wmplayer.exe");
        assertThat(b.get("c-bytes")).isEqualTo("1702400");
        assertThat(b.get("audiocodec")).isEqualTo("Windows_Media_Audio_9.2");
        Map<String, String> c = finals.stream().filter(l -> l.get("c-playerid").equals("-")).findFirst().orElseThrow();
        assertThat(c.get("c-status")).isEqualTo("408");
        assertThat(Long.parseLong(c.get("x-duration"))).as("to its end, not to the end of its wait").isBetween(4L, 7L);
        assertThat(c.get("c-bytes")).isEqualTo("-");
        assertThat(c.get("cs-uri-stem")).isEqualTo("/radio");
        assertThat(c.get("cs-url")).as("its token cut").isEqualTo("/radio?token=s3cr%E2%80%A6");
        assertThat(String.join("\n", Files.readAllLines(dir.resolve("access.log")))).doesNotContain("s3cretS3cret");
        // C played past the 2 s period: interim lines, their numbers so far, before its last line.
        List<Map<String, String>> interim = lines.stream().filter(l -> l.get("c-status").equals("299")).toList();
        assertThat(interim).isNotEmpty().allSatisfy(l -> {
            assertThat(l.get("x-reason")).isEqualTo("playing");
            assertThat(l.get("s-session-id")).isEqualTo(c.get("s-session-id"));
            assertThat(Long.parseLong(l.get("sc-bytes"))).isPositive().isLessThanOrEqualTo(Long.parseLong(c.get("sc-bytes")));
            assertThat(l.get("s-pkts-sent")).isEqualTo("-");
        });
    }

    @Test
    void refusalsGetLinesWithTheirStatusAndReasonInThePointsFile() throws Exception {
        int port = open();
        RawPlayer.send(port, "GET /nowhere HTTP/1.0\r\nUser-Agent: VLC/3.0.20 LibVLC/3.0.20\r\n\r\n");
        try (RawPlayer first = RawPlayer.play(port, "/small", "")) {
            first.awaitBytes(10_000);
            assertThat(RawPlayer.send(port, "GET /small HTTP/1.0\r\nUser-Agent: NSPlayer/9.0\r\nPragma: xPlayStrm=1\r\n\r\n"))
                    .startsWith("HTTP/1.0 503");
        }
        // What an MMS-over-TCP player sends first, to the HTTP port: the parser refuses it with 400.
        RawPlayer.send(port, "\u0001\u0000\u0000\u0000\u00ce\u00fa\u000b\u00b0 MMS over TCP\r\n\r\n");
        RawPlayer.send(port, "GET /files/none.wmv HTTP/1.0\r\nUser-Agent: Lavf/60.16.100\r\n\r\n");
        AccessLogWriterTest.waitFor(() -> ended.size() == 1);
        W3cLog.Read main = closeAndRead("access.log");
        List<Map<String, String>> small = W3cLog.read(dir.resolve("small.log")).entries();

        assertThat(main.entries()).extracting(l -> l.get("c-status")).containsExactly("404", "400", "404");
        Map<String, String> nowhere = main.entries().get(0);
        assertThat(nowhere.get("cs-uri-stem")).isEqualTo("/nowhere");
        assertThat(nowhere.get("cs(User-Agent)")).isEqualTo("VLC/3.0.20_LibVLC/3.0.20");
        assertThat(nowhere.get("x-reason")).startsWith("There_is_no_").doesNotContain(" ");
        assertThat(main.entries().get(1).get("cs-uri-stem")).isEqualTo("-");
        assertThat(main.entries().get(1).get("x-reason")).isNotEqualTo("-");
        assertThat(main.entries().get(2).get("cs-uri-stem")).isEqualTo("/files/none.wmv");
        // /small's own file: its refusal and its one session, nothing of the others'.
        assertThat(small).extracting(l -> l.get("c-status")).containsExactlyInAnyOrder("503", "408");
        assertThat(small).filteredOn(l -> l.get("c-status").equals("503")).singleElement()
                .satisfies(l -> assertThat(l.get("x-reason")).contains("maximum_of_1"));
    }

    @Test
    void aFullDiskIsOneWarningAndTheServerKeepsServing() throws Exception {
        logged.start();
        writerLogger.addAppender(logged);
        AccessLogWriter.Opener full = f -> new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        int port = open(Duration.ZERO, (file, max) -> new AccessLogWriter(file, max, "asfcast test",
                java.time.Clock.systemUTC(), full, 1000));
        for (int i = 0; i < 5; i++) {
            try (RawPlayer p = RawPlayer.play(port, "/radio", "")) {
                p.awaitBytes(10_000);
            }
            RawPlayer.send(port, "GET /nowhere HTTP/1.0\r\n\r\n");
        }
        AccessLogWriterTest.waitFor(() -> ended.size() == 5);
        Thread.sleep(AccessLog.REPORT_WAIT.toMillis() + 1000);
        try (RawPlayer after = RawPlayer.play(port, "/radio", "")) {
            after.awaitBytes(10_000); // still serving
        }
        assertThat(logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage))
                .singleElement().asString().contains("cannot be written").contains("No space left on device");
    }

    private static CompletableFuture<ProcessRun> run(Supplier<List<String>> command) {
        List<String> c = command.get();
        return CompletableFuture.supplyAsync(() -> ProcessRun.run(Duration.ofSeconds(80), Path.of("/tmp"), c));
    }
}
