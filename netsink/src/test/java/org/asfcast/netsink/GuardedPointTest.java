package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.asfcast.asf.WrittenFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Points with tokens and users, asked over real sockets: what a request without, with a wrong and
 * with a right credential gets, in both URL forms, on broadcast and on-demand points; a hook that
 * never answers; a guard replaced while a player plays.
 */
class GuardedPointTest {

    @TempDir
    static Path dir;
    static Path file;

    private StreamingServer server;
    private FilePlayout playout;
    private BroadcastPoint radio;
    private final ServerObserverTest.Seen seen = new ServerObserverTest.Seen();

    @BeforeAll
    static void media() throws Exception {
        file = dir.resolve("clip.asf");
        WrittenFiles.writeMjpegPcm(file, 10 * 25, 25, 160, 120, 2000);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (playout != null) {
            playout.close();
        }
        if (server != null && server.isOpen()) {
            server.close();
        }
    }

    private void open(PointGuard radioGuard) throws Exception {
        server = new StreamingServer(ServerSettings.defaults());
        server.addObserver(seen);
        radio = new BroadcastPoint("/radio", NetworkSinkConfig.builder().resolveNames(false).build().pointSettings());
        radio.guard(radioGuard);
        server.publish("/radio", radio);
        ArchivePoint files = new ArchivePoint("/files", dir, ArchiveSettings.defaults());
        files.guard(PointGuard.of(PlayerTokens.list(List.of("files-token")), Map.of()));
        server.publish("/files", files);
        server.publish("/open", new BroadcastPoint("/open", PointSettings.defaults()));
        playout = new FilePlayout(file, radio).start();
        server.open(0);
    }

    private static PointGuard tokensAndUsers() {
        return PointGuard.of(PlayerTokens.list(List.of("good-token", "other-token")), Map.of("mp", "mp-secret"));
    }

    private String get(String target, String... fields) throws Exception {
        StringBuilder r = new StringBuilder("GET " + target + " HTTP/1.0\r\nUser-Agent: Lavf/60\r\n");
        for (String f : fields) {
            r.append(f).append("\r\n");
        }
        return RawRequest.send(server.port(), r.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1), 4096);
    }

    @Test
    void noTokenIs401WithASentenceAndABasicChallengeForAPointWithUsers() throws Exception {
        open(tokensAndUsers());
        String reply = get("/radio");
        assertThat(reply).startsWith("HTTP/1.0 401 ").contains("WWW-Authenticate: Basic realm=\"/radio\"\r\n")
                .endsWith("This stream needs a token: open /t/TOKEN/radio or /radio?token=TOKEN, or a user name and password.\n");
        assertThat(seen.refused).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.point()).isEqualTo("/radio");
        });
    }

    @Test
    void aPointWithTokensOnlyDoesNotChallenge() throws Exception {
        open(PointGuard.of(PlayerTokens.list(List.of("good-token")), Map.of()));
        assertThat(get("/radio")).startsWith("HTTP/1.0 401 ").doesNotContain("WWW-Authenticate");
    }

    @Test
    void aWrongTokenOrPasswordIs403() throws Exception {
        open(tokensAndUsers());
        assertThat(get("/radio?token=bad-token")).startsWith("HTTP/1.0 403 ").endsWith(
                "This token does not open this stream; ask whoever gave you the link for a new one.\n");
        assertThat(get("/t/bad-token/radio")).startsWith("HTTP/1.0 403 ");
        assertThat(get("/radio", basic("mp", "wrong"))).startsWith("HTTP/1.0 403 ")
                .endsWith("The user name or password is wrong for this stream.\n");
    }

    @Test
    void theRightTokenInEitherFormOrTheRightPasswordPlays() throws Exception {
        open(tokensAndUsers());
        assertThat(get("/radio?token=good-token")).startsWith("HTTP/1.0 200 OK");
        assertThat(get("/t/other-token/radio")).startsWith("HTTP/1.0 200 OK");
        assertThat(get("/radio", basic("mp", "mp-secret"))).startsWith("HTTP/1.0 200 OK");
        // The refusals seen by the operator are only the ones that happened.
        assertThat(seen.refused).isEmpty();
    }

    @Test
    void windowsMediaPlayersDescribeAndPlayWithTheToken() throws Exception {
        open(tokensAndUsers());
        org.asfcast.client.MmshClient client = org.asfcast.client.MmshClient.create().withReadTimeout(Duration.ofSeconds(5));
        try (org.asfcast.client.PlaySession s = client.play(java.net.URI.create("mmsh://127.0.0.1:" + server.port()
                + "/radio?token=good-token"))) {
            assertThat(s.nextPacket()).isPresent();
        }
        try (org.asfcast.client.PlaySession s = client.play(java.net.URI.create("mmsh://127.0.0.1:" + server.port()
                + "/t/files-token/files/clip.asf"))) {
            assertThat(s.nextPacket()).isPresent();
        }
        assertThat(seen.refused).isEmpty();
    }

    @Test
    void anOpenPointNeedsNothingAndAPrefixedPathToNoPointIs404WithoutTheToken() throws Exception {
        open(tokensAndUsers());
        assertThat(get("/t/good-token/nowhere")).startsWith("HTTP/1.0 404 ").doesNotContain("good-token")
                .contains("/nowhere");
        assertThat(get("/open")).startsWith("HTTP/1.0 503 "); // open, but not started: admission answers
    }

    @Test
    void aTokenedMetafileGivesTokenedLinks() throws Exception {
        open(tokensAndUsers());
        int port = server.port();
        assertThat(get("/t/good-token/radio.asx")).contains("<REF HREF=\"http://127.0.0.1:" + port + "/t/good-token/radio\" />")
                .contains("<REF HREF=\"mms://127.0.0.1:" + port + "/t/good-token/radio\" />");
        assertThat(get("/radio.asx?token=good-token"))
                .contains("<REF HREF=\"http://127.0.0.1:" + port + "/radio?token=good-token\" />");
        assertThat(get("/radio.asx")).startsWith("HTTP/1.0 401 ");
    }

    @Test
    void anOnDemandPointAsksForItsTokenToo() throws Exception {
        open(PointGuard.OPEN);
        assertThat(get("/files/clip.asf")).startsWith("HTTP/1.0 401 ");
        assertThat(get("/files/clip.asf?token=nope-nope")).startsWith("HTTP/1.0 403 ");
        assertThat(get("/t/files-token/files/clip.asf")).startsWith("HTTP/1.0 200 OK");
        assertThat(get("/files/clip.asf?token=files-token")).startsWith("HTTP/1.0 200 OK");
    }

    @Test
    void anOnDemandPointsPagesRedirectsAndMetafilesKeepTheToken() throws Exception {
        open(PointGuard.OPEN);
        int port = server.port();
        assertThat(get("/files?token=files-token")).startsWith("HTTP/1.0 301 ").contains("Location: /files/?token=files-token");
        assertThat(get("/t/files-token/files")).startsWith("HTTP/1.0 301 ").contains("Location: /t/files-token/files/");
        assertThat(get("/files/?token=files-token")).contains("<a href=\"clip.asf?token=files-token\">")
                .contains("<a href=\"clip.asf.asx?token=files-token\">");
        assertThat(get("/t/files-token/files/")).contains("<a href=\"clip.asf\">"); // relative: the prefix stays
        assertThat(get("/t/files-token/files/clip.asf.asx"))
                .contains("<REF HREF=\"http://127.0.0.1:" + port + "/t/files-token/files/clip.asf\" />");
        assertThat(get("/files/clip.asf.asx?token=files-token"))
                .contains("<REF HREF=\"http://127.0.0.1:" + port + "/files/clip.asf?token=files-token\" />");
    }

    @Test
    void aHookThatNeverAnswersGets503WithinItsTimeoutAndALeavingPlayerIsForgotten() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        open(PointGuard.of(PlayerTokens.hook(q -> {
            asked.incrementAndGet();
            return new CompletableFuture<>();
        }, Duration.ofMillis(500), Duration.ofSeconds(60)), Map.of()));
        // One player gives up while it is held: nothing breaks.
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()));
            s.getOutputStream().write("GET /radio?token=any-token HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        long start = System.nanoTime();
        String reply = get("/radio?token=any-token");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(reply).startsWith("HTTP/1.0 503 ").endsWith("The token could not be checked just now; try again in a minute.\n");
        assertThat(millis).isBetween(400L, 3000L);
        assertThat(asked).hasValue(2); // failures are never cached
    }

    @Test
    void aNewGuardAppliesToTheNextRequestAndThePlayerStays() throws Exception {
        open(tokensAndUsers());
        try (Socket player = new Socket()) {
            player.connect(new InetSocketAddress("127.0.0.1", server.port()));
            player.setSoTimeout(5000);
            player.getOutputStream().write("GET /radio?token=good-token HTTP/1.0\r\nUser-Agent: Lavf/60\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = player.getInputStream();
            in.readNBytes(2000);
            radio.guard(PointGuard.of(PlayerTokens.list(List.of("new-token-1")), Map.of()));
            assertThat(get("/radio?token=good-token")).startsWith("HTTP/1.0 403 ");
            assertThat(get("/radio?token=new-token-1")).startsWith("HTTP/1.0 200 OK");
            byte[] more = in.readNBytes(20_000);
            assertThat(more).hasSize(20_000); // the first player still streams
        }
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
