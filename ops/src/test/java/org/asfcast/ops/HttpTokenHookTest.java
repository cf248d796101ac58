package org.asfcast.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.asfcast.netsink.BroadcastPoint;
import org.asfcast.netsink.PlayerTokens;
import org.asfcast.netsink.PointGuard;
import org.asfcast.netsink.PointSettings;
import org.asfcast.netsink.ServerSettings;
import org.asfcast.netsink.StreamingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP token hook against a real HTTP server (the JDK's), behind a real streaming server:
 * a hook that admits one token, one that answers 500, one that never answers (503 within the
 * timeout), and answers cached. The point has no broadcast yet, so an admitted request gets
 * admission's "not started" 503 and a hook failure the guard's own 503: the sentences tell them apart.
 */
class HttpTokenHookTest {

    private static final String ADMITTED = "The broadcast has not started yet; try again in a few seconds.";
    private static final String HOOK_DOWN = "The token could not be checked just now; try again in a minute.";

    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer hooks;
    private StreamingServer server;
    private BroadcastPoint radio;
    private final HttpClient player = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.setExecutor(Executors.newCachedThreadPool());
        hooks.createContext("/admit", exchange -> {
            JsonNode body = new ObjectMapper().readTree(exchange.getRequestBody());
            posted.add(body);
            exchange.sendResponseHeaders(body.path("token").asText().equals("the-good-token") ? 204 : 403, -1);
            exchange.close();
        });
        hooks.createContext("/broken", exchange -> {
            posted.add(new ObjectMapper().readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        hooks.createContext("/silent", exchange -> {
            posted.add(new ObjectMapper().readTree(exchange.getRequestBody()));
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        hooks.start();
        server = new StreamingServer(ServerSettings.defaults());
        radio = new BroadcastPoint("/radio", PointSettings.defaults());
        server.publish("/radio", radio);
        server.open(0);
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
        hooks.stop(0);
    }

    private void hook(String path, Duration cache) {
        URI url = URI.create("http://127.0.0.1:" + hooks.getAddress().getPort() + path);
        radio.guard(PointGuard.of(PlayerTokens.hook(new HttpTokenHook(url, Duration.ofMillis(700)), Duration.ofMillis(700),
                cache), Map.of()));
    }

    private HttpResponse<String> play(String target) throws Exception {
        return player.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + target))
                .header("User-Agent", "NSPlayer/12.0").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void theHookAdmitsItsTokenAndIsToldWhoAsksForWhat() throws Exception {
        hook("/admit", Duration.ZERO);
        HttpResponse<String> admitted = play("/radio?token=the-good-token");
        assertThat(admitted.statusCode()).isEqualTo(503);
        assertThat(admitted.body().strip()).isEqualTo(ADMITTED);
        HttpResponse<String> refused = play("/t/a-bad-token/radio");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(posted).hasSize(2);
        JsonNode first = posted.get(0);
        assertThat(first.path("address").asText()).isEqualTo("127.0.0.1");
        assertThat(first.path("point").asText()).isEqualTo("/radio");
        assertThat(first.path("userAgent").asText()).isEqualTo("NSPlayer/12.0");
        assertThat(first.path("token").asText()).isEqualTo("the-good-token");
        assertThat(posted.get(1).path("token").asText()).isEqualTo("a-bad-token");
    }

    @Test
    void answersAreCached() throws Exception {
        hook("/admit", Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            assertThat(play("/radio?token=the-good-token").body().strip()).isEqualTo(ADMITTED);
            assertThat(play("/radio?token=a-bad-token").statusCode()).isEqualTo(403);
        }
        assertThat(posted).hasSize(2);
    }

    @Test
    void aHookThatAnswers500FailsClosed() throws Exception {
        hook("/broken", Duration.ofMinutes(1));
        HttpResponse<String> reply = play("/radio?token=the-good-token");
        assertThat(reply.statusCode()).isEqualTo(503);
        assertThat(reply.body().strip()).isEqualTo(HOOK_DOWN);
        play("/radio?token=the-good-token");
        assertThat(posted).as("a failure is not cached").hasSize(2);
    }

    @Test
    void aHookThatNeverAnswersFailsClosedWithinItsTimeout() throws Exception {
        hook("/silent", Duration.ofMinutes(1));
        long start = System.nanoTime();
        HttpResponse<String> reply = play("/radio?token=the-good-token");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(reply.statusCode()).isEqualTo(503);
        assertThat(reply.body().strip()).isEqualTo(HOOK_DOWN);
        assertThat(millis).isBetween(600L, 3000L);
    }

    @Test
    void aHookThatIsNotThereFailsClosed() throws Exception {
        radio.guard(PointGuard.of(PlayerTokens.hook(new HttpTokenHook(URI.create("http://127.0.0.1:1/hook"),
                Duration.ofSeconds(1)), Duration.ofSeconds(1), Duration.ZERO), Map.of()));
        assertThat(play("/radio?token=the-good-token").body().strip()).isEqualTo(HOOK_DOWN);
    }

    @Test
    void onlyHttpUrlsAreHooks() {
        assertThatThrownBy(() -> new HttpTokenHook(URI.create("ftp://example.org/x"), Duration.ofSeconds(2)))
                .hasMessage("a token hook is an http:// or https:// URL with a host, not ftp://example.org/x");
        assertThatThrownBy(() -> new HttpTokenHook(URI.create("http://example.org/x"), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
