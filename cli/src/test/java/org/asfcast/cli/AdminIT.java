package org.asfcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asfcast.asf.testing.ProcessRun;
import org.asfcast.asf.testing.Tools;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.ops.metrics.PrometheusText;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asfcast server} with an {@code admin:} section, players on two points: FFmpeg over mmsh
 * on /one, and on /two asfcast's own mmsh client (whose bytes are counted exactly) beside FFmpeg
 * over plain HTTP. The status JSON and the metrics are checked field by field against what the
 * players received; refusals are counted; a kick ends FFmpeg; the token is needed, and a reload
 * through the API replaces it.
 */
@Tag("interop")
class AdminIT {

    private static final Pattern ADMIN = Pattern.compile("admin: (http://127\\.0\\.0\\.1:\\d+)");
    /**
     * What the server may have written beyond what a reading player has taken: the kernel's unsent
     * bound (32 KiB), what is in flight on loopback, the response head, and a delivery pass more.
     */
    private static final long IN_FLIGHT = 192 << 10;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private String admin;

    @Test
    void theStatusTheMetricsAndTheActionsAgreeWithThePlayers() throws Exception {
        Path config = dir.resolve("asfcast.yml");
        Files.writeString(config, config("s3cret"));
        try (AsfcastProcess server = AsfcastProcess.start("server", config.toString())) {
            int port = server.awaitPort(Duration.ofSeconds(90));
            Matcher m = ADMIN.matcher(server.awaitLine("admin: http", Duration.ofSeconds(10)));
            assertThat(m.find()).isTrue();
            admin = m.group(1);

            // Who may ask: no token and a wrong one are 401, the right one 200.
            HttpResponse<String> none = get("/api/v1/status", Optional.empty());
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"asfcast\", Basic realm=\"asfcast\"");
            assertThat(get("/api/v1/status", Optional.of("Bearer guess")).statusCode()).isEqualTo(401);
            assertThat(get("/metrics", Optional.of("Bearer guess")).statusCode()).isEqualTo(401);
            assertThat(get("/api/v1/status", bearer("s3cret")).statusCode()).isEqualTo(200);

            // Idle: every series of both points is there, at zero.
            PrometheusText idle = metrics("s3cret");
            for (String point : List.of("/one", "/two")) {
                for (String protocol : List.of("mmsh", "http")) {
                    Map<String, String> labels = Map.of("point", point, "protocol", protocol);
                    assertThat(idle.value("asfcast_point_players", labels)).as("idle players %s", labels).contains(0.0);
                    assertThat(idle.value("asfcast_point_sent_bytes_total", labels)).contains(0.0);
                    assertThat(idle.value("asfcast_point_packets_skipped_total", labels)).contains(0.0);
                    assertThat(idle.value("asfcast_point_join_seconds_count", labels)).contains(0.0);
                }
                assertThat(idle.value("asfcast_point_players_dropped_total", Map.of("point", point, "reason", "kicked")))
                        .contains(0.0);
                assertThat(idle.value("asfcast_point_refusals_total", Map.of("point", point, "status", "503")))
                        .contains(0.0);
                assertThat(idle.value("asfcast_point_source_restarts_total", Map.of("point", point))).contains(0.0);
            }

            CompletableFuture<ProcessRun> kicked = ffmpeg("mmsh://127.0.0.1:" + port + "/one", 90);
            CompletableFuture<ProcessRun> plain = ffmpeg("http://127.0.0.1:" + port + "/two", 90);
            AtomicLong read = new AtomicLong();
            try (PlaySession counted = MmshClient.create().play(URI.create("mmsh://127.0.0.1:" + port + "/two"))) {
                Thread reader = new Thread(() -> {
                    try {
                        while (counted.nextPacket().isPresent()) {
                            read.set(counted.counters().bodyBytes());
                        }
                    } catch (Exception ended) {
                        // closed by the test
                    }
                });
                reader.start();
                JsonNode status = awaitStatus("s3cret", s -> players(s, "/one") == 1 && players(s, "/two") == 2);
                assertThat(status.get("schema").asInt()).isEqualTo(1);
                assertThat(status.get("server").get("players").asInt()).isEqualTo(3);
                Thread.sleep(3000);

                // The counted player's bytes, in the status and in the metrics, against what it read.
                long before = read.get();
                status = status("s3cret");
                PrometheusText now = metrics("s3cret");
                long after = read.get();
                JsonNode two = point(status, "/two");
                JsonNode mmshClient = client(two, "mmsh");
                assertThat(mmshClient.get("bytes").asLong()).as("bytes the status says vs read %s..%s", before, after)
                        .isBetween(before, after + IN_FLIGHT);
                double sent = now.value("asfcast_point_sent_bytes_total", Map.of("point", "/two", "protocol", "mmsh"))
                        .orElseThrow();
                assertThat((long) sent).as("bytes the metrics say").isBetween(before, after + IN_FLIGHT);
                assertThat(client(two, "http").get("userAgent").asText()).startsWith("Lavf");
                assertThat(two.get("kind").asText()).isEqualTo("broadcast");
                assertThat(two.get("source").get("state").asText()).isEqualTo("running");
                assertThat(two.get("streams").size()).isPositive();
                assertThat(two.get("peakPlayers").asInt()).isEqualTo(2);
                assertThat(two.get("bitsPerSecondOut").asLong()).isPositive();
                assertThat(two.get("bytesOut").asLong()).isGreaterThanOrEqualTo(mmshClient.get("bytes").asLong());
                assertThat(now.value("asfcast_point_players", Map.of("point", "/one", "protocol", "mmsh"))).contains(1.0);
                assertThat(now.value("asfcast_point_players", Map.of("point", "/two", "protocol", "mmsh"))).contains(1.0);
                assertThat(now.value("asfcast_point_players", Map.of("point", "/two", "protocol", "http"))).contains(1.0);
                assertThat(now.value("asfcast_point_join_seconds_count", Map.of("point", "/two", "protocol", "mmsh")))
                        .contains(1.0);
                assertThat(now.value("asfcast_open_connections", Map.of()).orElseThrow()).isGreaterThanOrEqualTo(3.0);
                assertThat(now.value("asfcast_event_loop_pass_seconds_count", Map.of()).orElseThrow())
                        .as("delivery passes timed").isPositive();
                assertThat(now.value("asfcast_accepted_connections_total", Map.of()).orElseThrow()).isGreaterThanOrEqualTo(3.0);

                // Refusals: /one is full (max-players: 1), and nothing is at /nowhere.
                assertThat(PlainHttp.get("http://127.0.0.1:" + port + "/one").status()).isEqualTo(503);
                assertThat(PlainHttp.get("http://127.0.0.1:" + port + "/nowhere").status()).isEqualTo(404);
                status = status("s3cret");
                assertThat(point(status, "/one").get("refusals").get("503").asLong()).isEqualTo(1);
                PrometheusText refused = metrics("s3cret");
                assertThat(refused.value("asfcast_point_refusals_total", Map.of("point", "/one", "status", "503"))).contains(1.0);
                assertThat(refused.value("asfcast_refusals_total", Map.of("status", "404"))).contains(1.0);

                // A kick ends FFmpeg on /one long before its 90 s.
                long id = point(status, "/one").get("clients").get(0).get("id").asLong();
                HttpResponse<String> kick = post("/api/v1/points/one/players/" + id + "/kick", "s3cret");
                assertThat(kick.statusCode()).as(kick.body()).isEqualTo(200);
                assertThat(json.readTree(kick.body()).get("what").asText()).isEqualTo("dropped player " + id + " of /one");
                ProcessRun ended = kicked.get(20, TimeUnit.SECONDS);
                assertThat(ended.stderr()).as("FFmpeg ended by the kick").isNotNull();
                String logged = "admin: token from 127.0.0.1 asked to kick /one: dropped player " + id;
                for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                     server.stderr().stream().noneMatch(l -> l.contains(logged)) && System.nanoTime() < until; ) {
                    Thread.sleep(50);
                }
                assertThat(server.stderr()).as("the action's log line, with who asked").anyMatch(l -> l.contains(logged));
                status = awaitStatus("s3cret", s -> players(s, "/one") == 0);
                assertThat(metrics("s3cret").value("asfcast_point_players_dropped_total",
                        Map.of("point", "/one", "reason", "kicked"))).contains(1.0);
                assertThat(post("/api/v1/points/one/players/" + id + "/kick", "s3cret").statusCode()).isEqualTo(404);

                // Stop and start /one's source.
                HttpResponse<String> stop = post("/api/v1/points/one/stop", "s3cret");
                assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
                assertThat(point(status("s3cret"), "/one").get("source").get("state").asText()).isEqualTo("stopped");
                HttpResponse<String> start = post("/api/v1/points/one/start", "s3cret");
                assertThat(start.statusCode()).as(start.body()).isEqualTo(200);
                awaitStatus("s3cret", s -> point(s, "/one").get("source").get("state").asText().equals("running"));
                assertThat(metrics("s3cret").value("asfcast_point_source_restarts_total", Map.of("point", "/one")))
                        .contains(1.0);

                // A reload through the API: the new token applies at once, the old one no longer does.
                Files.writeString(config, config("n3w"));
                HttpResponse<String> reload = post("/api/v1/reload", "s3cret");
                assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
                assertThat(json.readTree(reload.body()).get("what").asText()).contains("admin credential replaced");
                assertThat(get("/api/v1/status", bearer("s3cret")).statusCode()).isEqualTo(401);
                assertThat(get("/api/v1/status", bearer("n3w")).statusCode()).isEqualTo(200);
                assertThat(players(status("n3w"), "/two")).as("the players of /two stay").isEqualTo(2);
            }
            plain.cancel(true);
            assertThat(server.terminate()).isZero();
        }
    }

    private static String config(String token) {
        return "port: 0\nbind: 127.0.0.1\nadmin: {port: 0, token: " + token + "}\npoints:\n"
                + "  - path: /one\n    test-pattern: {size: 160x120, fps: 25}\n    max-players: 1\n"
                + "  - path: /two\n    test-pattern: {size: 160x120, fps: 25}\n";
    }

    private CompletableFuture<ProcessRun> ffmpeg(String url, int seconds) {
        return CompletableFuture.supplyAsync(() -> ProcessRun.run(Duration.ofSeconds(seconds + 30), dir, List.of(
                Tools.ffmpeg().toString(), "-nostdin", "-v", "error", "-i", url, "-t", Integer.toString(seconds),
                "-map", "0", "-f", "null", "-")));
    }

    private static Optional<String> bearer(String token) {
        return Optional.of("Bearer " + token);
    }

    private HttpResponse<String> get(String path, Optional<String> authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(admin + path));
        authorization.ifPresent(a -> b.header("Authorization", a));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(admin + path)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode status(String token) throws Exception {
        HttpResponse<String> r = get("/api/v1/status", bearer(token));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private PrometheusText metrics(String token) throws Exception {
        HttpResponse<String> r = get("/metrics", bearer(token));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return PrometheusText.parse(r.body());
    }

    private JsonNode awaitStatus(String token, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode s = status(token);
        while (!until.test(s)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the status never got there: " + s);
            }
            Thread.sleep(200);
            s = status(token);
        }
        return s;
    }

    private static JsonNode point(JsonNode status, String path) {
        for (JsonNode p : status.get("points")) {
            if (p.get("path").asText().equals(path)) {
                return p;
            }
        }
        throw new AssertionError("no point " + path + " in " + status);
    }

    private static int players(JsonNode status, String path) {
        return point(status, path).get("players").asInt();
    }

    private static JsonNode client(JsonNode point, String protocol) {
        for (JsonNode c : point.get("clients")) {
            if (c.get("protocol").asText().equals(protocol)) {
                return c;
            }
        }
        throw new AssertionError("no " + protocol + " player in " + point);
    }
}
