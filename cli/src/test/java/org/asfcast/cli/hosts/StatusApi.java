package org.asfcast.cli.hosts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A server's status API ({@code GET /api/v1/status} on its admin listener), read by the test. */
public final class StatusApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final String base;
    private final String token;

    /** The admin listener at {@code address:port}, asked with {@code Authorization: Bearer token}. */
    public StatusApi(String address, int port, String token) {
        this.base = "http://" + address + ":" + port;
        this.token = token;
    }

    /** The whole status document. */
    public JsonNode status() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/status"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError(base + "/api/v1/status answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** The point at {@code path} in the status. */
    public JsonNode point(String path) throws IOException, InterruptedException {
        for (JsonNode p : status().path("points")) {
            if (path.equals(p.path("path").asText())) {
                return p;
            }
        }
        throw new AssertionError("no point " + path + " in the status of " + base);
    }

    /** How many players the point at {@code path} has now. */
    public int players(String path) throws IOException, InterruptedException {
        return point(path).path("players").asInt();
    }

    /** The most players the point at {@code path} has had at once. */
    public int peakPlayers(String path) throws IOException, InterruptedException {
        return point(path).path("peakPlayers").asInt();
    }

    @Override
    public String toString() {
        return base;
    }
}
