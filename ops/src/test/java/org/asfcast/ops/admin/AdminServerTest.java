package org.asfcast.ops.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asfcast.netsink.ArchivePoint;
import org.asfcast.netsink.ArchiveSettings;
import org.asfcast.netsink.BroadcastPoint;
import org.asfcast.netsink.PointSettings;
import org.asfcast.netsink.ServerSettings;
import org.asfcast.netsink.StreamingServer;
import org.asfcast.ops.metrics.PrometheusText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin listener over a real socket, with two idle points: auth, routing, the status JSON's
 * shape, the metrics' strict format with every series present, and the actions' answers.
 */
class AdminServerTest {

    @TempDir
    Path folder;

    private StreamingServer server;
    private AdminServer admin;
    private String base;
    private final Recorded actions = new Recorded();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /** Answers as the program running a server would, and remembers what it was asked. */
    static final class Recorded implements AdminActions {
        final List<String> asked = new CopyOnWriteArrayList<>();

        @Override
        public String version() {
            return "9.9-test";
        }

        @Override
        public SourceState sourceState(String path) {
            return path.equals("/live") ? new SourceState(SourceState.State.RUNNING, "test pattern", 2)
                    : new SourceState(SourceState.State.STOPPED, "a folder", 0);
        }

        @Override
        public ActionOutcome startSource(String path) {
            asked.add("start " + path);
            return ActionOutcome.done("started the source of " + path);
        }

        @Override
        public ActionOutcome stopSource(String path) {
            asked.add("stop " + path);
            return path.equals("/live") ? ActionOutcome.done("stopped the source of " + path)
                    : ActionOutcome.refused(path + " serves files; it has no source to stop");
        }

        @Override
        public ActionOutcome reloadConfig() {
            asked.add("reload");
            return ActionOutcome.done("reloaded: 1 point changed");
        }
    }

    @BeforeEach
    void start() {
        server = new StreamingServer(ServerSettings.defaults());
        server.publish("/live", new BroadcastPoint("/live", PointSettings.defaults()));
        server.publish("/files", new ArchivePoint("/files", folder, ArchiveSettings.defaults()));
        server.open(0);
        admin = new AdminServer(server, actions, AdminCredentials.token("s3cret"), Optional.empty());
        int port = admin.open(InetAddress.getLoopbackAddress(), 0);
        base = "http://127.0.0.1:" + port;
        assertThat(admin.url()).isEqualTo(base);
    }

    @AfterEach
    void stop() {
        admin.close();
        server.close();
    }

    private HttpResponse<String> send(String method, String path, Optional<String> authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        authorization.ifPresent(a -> b.header("Authorization", a));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return send(method, path, Optional.of("Bearer s3cret"));
    }

    @Test
    void withoutTheRightCredentialEveryPathIs401WithAChallenge() throws Exception {
        for (String path : List.of("/api/v1/status", "/metrics", "/nothing")) {
            HttpResponse<String> none = send("GET", path, Optional.empty());
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate"))
                    .contains("Bearer realm=\"asfcast\", Basic realm=\"asfcast\"");
            assertThat(none.body()).contains("needs a credential");
            HttpResponse<String> wrong = send("GET", path, Optional.of("Bearer guess"));
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).isEqualTo("The credential sent does not let you in.\n");
        }
        assertThat(send("POST", "/api/v1/reload", Optional.empty()).statusCode()).isEqualTo(401);
        assertThat(actions.asked).isEmpty();
    }

    @Test
    void aNewCredentialAppliesToTheNextRequest() throws Exception {
        admin.credentials(AdminCredentials.token("next"));
        assertThat(send("GET", "/api/v1/status").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/status", Optional.of("Bearer next")).statusCode()).isEqualTo(200);
    }

    @Test
    void theStatusHasEveryPointWithItsFieldsAndArraysAsArrays() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/status");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode status = json.readTree(r.body());
        assertThat(status.get("schema").asInt()).isEqualTo(1);
        JsonNode s = status.get("server");
        assertThat(s.get("version").asText()).isEqualTo("9.9-test");
        assertThat(s.get("players").asInt()).isZero();
        assertThat(s.get("bytesOut").asLong()).isZero();
        assertThat(s.get("accepts").asLong()).isZero();
        assertThat(s.get("openConnections").asInt()).isZero();
        assertThat(s.get("uptimeSeconds").asLong()).isNotNegative();
        assertThat(s.get("startedAt").asText()).endsWith("Z");
        JsonNode points = status.get("points");
        assertThat(points.isArray()).isTrue();
        assertThat(points).hasSize(2);
        JsonNode files = points.get(0);
        JsonNode live = points.get(1);
        assertThat(files.get("path").asText()).isEqualTo("/files");
        assertThat(files.get("kind").asText()).isEqualTo("on-demand");
        assertThat(files.get("source").get("state").asText()).isEqualTo("stopped");
        assertThat(live.get("path").asText()).isEqualTo("/live");
        assertThat(live.get("kind").asText()).isEqualTo("broadcast");
        assertThat(live.get("source").get("state").asText()).isEqualTo("running");
        assertThat(live.get("source").get("description").asText()).isEqualTo("test pattern");
        for (JsonNode p : points) {
            assertThat(p.get("players").asInt()).isZero();
            assertThat(p.get("peakPlayers").asInt()).isZero();
            assertThat(p.get("bytesOut").asLong()).isZero();
            assertThat(p.get("dropped").asLong()).isZero();
            assertThat(p.get("packetsSkipped").asLong()).isZero();
            assertThat(p.get("streams").isArray()).isTrue();
            assertThat(p.get("clients").isArray()).isTrue();
            assertThat(p.get("clients")).isEmpty();
            assertThat(p.get("refusals").isObject()).isTrue();
        }
    }

    @Test
    void refusalsOfThePlayersPortAreCountedByPointAndStatus() throws Exception {
        // No broadcast yet on /live: a player is told 503; a missing file on /files is 404 (asked as
        // Windows Media Player asks: a plain-HTTP GET of an archive is answered apart, unobserved so far).
        HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create(server.url("/live"))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> file = http.send(HttpRequest.newBuilder(URI.create(server.url("/files/none.asf")))
                        .header("User-Agent", "NSPlayer/9.0").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(live.statusCode()).isEqualTo(503);
        assertThat(file.statusCode()).isEqualTo(404);
        JsonNode points = json.readTree(send("GET", "/api/v1/status").body()).get("points");
        assertThat(points.get(0).get("refusals").get("404").asLong()).isEqualTo(1);
        assertThat(points.get(1).get("refusals").get("503").asLong()).isEqualTo(1);
        JsonNode s = json.readTree(send("GET", "/api/v1/status").body()).get("server");
        assertThat(s.get("accepts").asLong()).isEqualTo(2);
        PrometheusText m = PrometheusText.parse(send("GET", "/metrics").body());
        assertThat(m.value("asfcast_point_refusals_total", Map.of("point", "/live", "status", "503"))).contains(1.0);
        assertThat(m.value("asfcast_point_refusals_total", Map.of("point", "/files", "status", "404"))).contains(1.0);
        assertThat(m.value("asfcast_point_refusals_total", Map.of("point", "/live", "status", "404"))).contains(0.0);
        assertThat(m.value("asfcast_refusals_total", Map.of("status", "503"))).contains(1.0);
        assertThat(m.value("asfcast_accepted_connections_total", Map.of())).contains(2.0);
    }

    @Test
    void theMetricsAreStrictPrometheusTextWithEverySeriesWhenIdle() throws Exception {
        HttpResponse<String> r = send("GET", "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        PrometheusText m = PrometheusText.parse(r.body());
        for (String point : List.of("/live", "/files")) {
            for (String protocol : List.of("mmsh", "http")) {
                Map<String, String> labels = Map.of("point", point, "protocol", protocol);
                assertThat(m.value("asfcast_point_players", labels)).as(point + " " + protocol).contains(0.0);
                assertThat(m.value("asfcast_point_sent_bytes_total", labels)).contains(0.0);
                assertThat(m.value("asfcast_point_packets_skipped_total", labels)).contains(0.0);
                assertThat(m.value("asfcast_point_join_seconds_count", labels)).contains(0.0);
                assertThat(m.matching("asfcast_point_join_seconds_bucket", labels)).isNotEmpty();
            }
            for (String reason : List.of("slow", "displaced", "kicked")) {
                assertThat(m.value("asfcast_point_players_dropped_total", Map.of("point", point, "reason", reason)))
                        .contains(0.0);
            }
            for (String status : List.of("401", "403", "404", "503")) {
                assertThat(m.value("asfcast_point_refusals_total", Map.of("point", point, "status", status)))
                        .contains(0.0);
            }
        }
        assertThat(m.value("asfcast_point_source_restarts_total", Map.of("point", "/live"))).contains(2.0);
        assertThat(m.type("asfcast_point_players")).contains("gauge");
        assertThat(m.type("asfcast_point_sent_bytes_total")).contains("counter");
        assertThat(m.type("asfcast_point_join_seconds")).contains("histogram");
        assertThat(m.value("asfcast_open_connections", Map.of())).isPresent();
        assertThat(m.value("asfcast_event_loop_pass_seconds_count", Map.of())).isPresent();
        assertThat(m.value("asfcast_allocator_used_bytes", Map.of("memory", "direct"))).isPresent();
        assertThat(m.value("asfcast_allocator_used_bytes", Map.of("memory", "heap"))).isPresent();
    }

    @Test
    void routingAnswers404And405WithSentences() throws Exception {
        HttpResponse<String> wrongMethod = send("POST", "/api/v1/status");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("GET, HEAD");
        HttpResponse<String> get = send("GET", "/api/v1/reload");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(send("GET", "/api/v2/status").statusCode()).isEqualTo(404);
        HttpResponse<String> noPoint = send("POST", "/api/v1/points/nowhere/disconnect");
        assertThat(noPoint.statusCode()).isEqualTo(404);
        assertThat(noPoint.body()).isEqualTo("There is no point at /nowhere (see /api/v1/status).\n");
        HttpResponse<String> noPlayer = send("POST", "/api/v1/points/live/players/77/kick");
        assertThat(noPlayer.statusCode()).isEqualTo(404);
        assertThat(noPlayer.body()).contains("There is no player 77 on /live");
        assertThat(send("POST", "/api/v1/points/live/players/x/kick").statusCode()).isEqualTo(404);
    }

    @Test
    void actionsAnswerWhatTheyDid() throws Exception {
        JsonNode disconnect = json.readTree(send("POST", "/api/v1/points/live/disconnect").body());
        assertThat(disconnect.get("action").asText()).isEqualTo("disconnect");
        assertThat(disconnect.get("point").asText()).isEqualTo("/live");
        assertThat(disconnect.get("done").asBoolean()).isTrue();
        assertThat(disconnect.get("what").asText()).isEqualTo("dropped 0 players of /live; it goes on serving");

        HttpResponse<String> stop = send("POST", "/api/v1/points/live/stop");
        assertThat(stop.statusCode()).isEqualTo(200);
        assertThat(json.readTree(stop.body()).get("what").asText()).isEqualTo("stopped the source of /live");
        HttpResponse<String> stopFiles = send("POST", "/api/v1/points/files/stop");
        assertThat(stopFiles.statusCode()).isEqualTo(409);
        assertThat(json.readTree(stopFiles.body()).get("done").asBoolean()).isFalse();
        assertThat(send("POST", "/api/v1/points/live/start").statusCode()).isEqualTo(200);
        JsonNode close = json.readTree(send("POST", "/api/v1/points/live/close").body());
        assertThat(close.get("what").asText()).isEqualTo("dropped 0 players of /live; stopped the source of /live");
        JsonNode reload = json.readTree(send("POST", "/api/v1/reload").body());
        assertThat(reload.get("what").asText()).isEqualTo("reloaded: 1 point changed");
        assertThat(actions.asked).containsExactly("stop /live", "stop /files", "start /live", "stop /live", "reload");
    }

    /** Sends raw bytes to the listener and returns what it answered, up to its close. */
    private String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", java.net.URI.create(base).getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void requestsThatCannotBeReadGet400AndAClose() throws Exception {
        assertThat(raw("GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer s3cret\r\n\r\n"))
                .startsWith("HTTP/1.1 400 Bad Request").contains("broken %-escape").doesNotContain("Exception");
        assertThat(raw("GET /" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 400 Bad Request").contains("could not be read as HTTP");
        assertThat(raw("GET /api/v1/status HTTP/1.0\r\nAuthorization: Bearer s3cret\r\n\r\n"))
                .startsWith("HTTP/1.1 200 OK").contains("\"schema\":1");
    }

    @Test
    void aStreamedAnswerTakesTheConnectionAfterAChunkedHead() throws Exception {
        admin.route(AdminRoute.get("/events", r -> AdminResponse.streamed("text/event-stream", channel -> {
            channel.writeAndFlush(new io.netty.handler.codec.http.DefaultHttpContent(
                    io.netty.buffer.Unpooled.copiedBuffer("data: one\n\n", java.nio.charset.StandardCharsets.UTF_8)));
            channel.writeAndFlush(new io.netty.handler.codec.http.DefaultLastHttpContent(
                    io.netty.buffer.Unpooled.copiedBuffer("data: two\n\n", java.nio.charset.StandardCharsets.UTF_8)));
        })));
        HttpResponse<String> events = send("GET", "/events");
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.headers().firstValue("Content-Type")).contains("text/event-stream");
        assertThat(events.headers().firstValue("Transfer-Encoding")).contains("chunked");
        assertThat(events.body()).isEqualTo("data: one\n\ndata: two\n\n");
    }

    @Test
    void anAddedRouteAnswersAndABodyTooLargeIsRefused() throws Exception {
        admin.route(AdminRoute.get("/", r -> AdminResponse.ok("text/html; charset=utf-8", "<p>hi</p>".getBytes())));
        HttpResponse<String> page = send("GET", "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("<p>hi</p>");
        HttpResponse<String> big = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reload"))
                .header("Authorization", "Bearer s3cret")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(AdminServer.MAX_REQUEST_BYTES + 1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(actions.asked).isEmpty();
    }
}
