package org.asfcast.ops.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.asfcast.netsink.ArchivePoint;
import org.asfcast.netsink.ArchiveSettings;
import org.asfcast.netsink.BroadcastPoint;
import org.asfcast.netsink.PointSettings;
import org.asfcast.netsink.ServerSettings;
import org.asfcast.netsink.StreamingServer;
import org.asfcast.ops.admin.ActionOutcome;
import org.asfcast.ops.admin.AdminActions;
import org.asfcast.ops.admin.AdminCredentials;
import org.asfcast.ops.admin.AdminServer;
import org.asfcast.ops.admin.SourceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page's routes on a real admin listener with two idle points: its files answer
 * without the token (and nothing else does), the history and the event stream need it, the
 * stream's events come each second, and past {@link StatusEvents#DEFAULT_LIMIT} pages the next is
 * told 503. (Players, the chart and the kick button in a browser: {@code cli}'s StatusPageIT.)
 */
class StatusPageTest {

    private static final String TOKEN = "page-s3cret";

    @TempDir
    Path folder;

    private StreamingServer server;
    private AdminServer admin;
    private StatusPage page;
    private String base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * A program with no sources: the page reads the server, it never acts; every action is refused
     * (a proxy, so the page's tests need no change when the admin side asks for one more action).
     */
    private static final AdminActions NO_SOURCES = (AdminActions) java.lang.reflect.Proxy.newProxyInstance(
            AdminActions.class.getClassLoader(), new Class<?>[] {AdminActions.class}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "version" -> "9.9-test";
                        case "sourceState" -> new SourceState(SourceState.State.STOPPED, "none", 0);
                        default -> ActionOutcome.refused("the page's test runs no sources");
                    });

    @BeforeEach
    void start() {
        server = new StreamingServer(ServerSettings.defaults());
        server.publish("/live", new BroadcastPoint("/live", PointSettings.defaults()));
        server.publish("/files", new ArchivePoint("/files", folder, ArchiveSettings.defaults()));
        server.open(0);
        admin = new AdminServer(server, NO_SOURCES, AdminCredentials.token(TOKEN), Optional.empty());
        page = StatusPage.serve(admin);
        base = "http://127.0.0.1:" + admin.open(InetAddress.getLoopbackAddress(), 0);
        page.start();
    }

    @AfterEach
    void stop() {
        page.close();
        admin.close();
        server.close();
    }

    @Test
    void thePagesFilesAnswerWithoutTheTokenAndHoldNoData() throws Exception {
        HttpResponse<String> html = get("/", Optional.empty());
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(html.headers().firstValue("Content-Security-Policy")).contains(PageAssets.POLICY);
        assertThat(html.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(html.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(html.body()).contains("<script src=\"/status-page.js\" defer></script>")
                .doesNotContain("/live").doesNotContain("/files");
        assertThat(get("/status-page.js", Optional.empty()).headers().firstValue("Content-Type"))
                .contains("text/javascript; charset=utf-8");
        assertThat(get("/status-page.css", Optional.empty()).headers().firstValue("Content-Type"))
                .contains("text/css; charset=utf-8");
        for (String path : List.of("/api/v1/history", "/api/v1/events", "/api/v1/status", "/index.html", "/status-page.jsx")) {
            assertThat(get(path, Optional.empty()).statusCode()).as(path + " without the token").isEqualTo(401);
        }
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("only GET is open").isEqualTo(401);
    }

    @Test
    void theHistoryListsEveryPoint() throws Exception {
        HttpResponse<String> history = get("/api/v1/history", Optional.of(TOKEN));
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode doc = json.readTree(history.body());
        assertThat(doc.get("schema").asInt()).isEqualTo(1);
        List<String> paths = new ArrayList<>();
        doc.get("points").forEach(p -> paths.add(p.get("path").asText()));
        assertThat(paths).containsExactly("/files", "/live");
    }

    @Test
    void theStreamSendsTheStatusAtOnceAndThenEverySecond() throws Exception {
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo(": asfcast status events");
            long started = System.nanoTime();
            List<String> names = new ArrayList<>();
            JsonNode status = null;
            while (names.stream().filter("status"::equals).count() < 3) {
                String line = lines.readLine();
                if (line.startsWith("event: ")) {
                    names.add(line.substring(7));
                } else if (line.startsWith("data: ") && names.get(names.size() - 1).equals("status")) {
                    status = json.readTree(line.substring(6));
                }
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(names).containsExactly("status", "sample", "status", "sample", "status");
            assertThat(millis).as("the first at once, then one a second (a late tick may catch up early): not a flood").isBetween(500L, 4_000L);
            assertThat(status.get("schema").asInt()).isEqualTo(1);
            assertThat(status.get("points").get(0).get("path").asText()).isEqualTo("/files");
        }
    }

    @Test
    void pastTheLimitAPageIsToldToComeBackLater() throws Exception {
        List<InputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < StatusEvents.DEFAULT_LIMIT; i++) {
                HttpResponse<InputStream> s = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                        .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofInputStream());
                assertThat(s.statusCode()).isEqualTo(200);
                open.add(s.body());
            }
            HttpResponse<String> refused = get("/api/v1/events", Optional.of(TOKEN));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("10");
            assertThat(refused.body()).contains("16 status pages follow the events already");
        } finally {
            for (InputStream in : open) {
                in.close();
            }
        }
    }

    @Test
    void theStatusIsOnlyMadeWhileAPageFollows() {
        AtomicInteger made = new AtomicInteger();
        StatusEvents events = new StatusEvents(2);
        StatusPage idle = new StatusPage(() -> Map.of("/live", 1_000L), () -> {
            made.incrementAndGet();
            return "{}";
        }, new BitrateHistory(), events);
        idle.tick(1_000);
        idle.tick(2_000);
        assertThat(made).as("no page open").hasValue(0);
        assertThat(idle.history().snapshot().points().get(0).bitsPerSecond()).as("sampled all the same").containsExactly(0);
        io.netty.channel.embedded.EmbeddedChannel follower = new io.netty.channel.embedded.EmbeddedChannel();
        assertThat(events.reserve()).isTrue();
        events.open(follower, Map.of());
        idle.tick(3_000);
        assertThat(made).as("one page: once a second").hasValue(1);
        follower.finishAndReleaseAll();
    }

    private HttpResponse<String> get(String path, Optional<String> token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
