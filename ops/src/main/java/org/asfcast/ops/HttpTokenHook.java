package org.asfcast.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.asfcast.netsink.TokenHook;

/**
 * A {@link TokenHook} over HTTP: each question is a {@code POST} of
 * {@code {"address": "...", "point": "...", "userAgent": "...", "token": "..."}} to the hook's URL.
 * A 2xx answer admits; a 4xx answer refuses (the player gets 403); anything else (a 3xx, a 5xx,
 * no connection, no answer within the timeout) is a failure, and the player gets 503: a hook that
 * is down lets nobody in. The JDK's HTTP client, asynchronous: no event loop waits for it.
 */
public final class HttpTokenHook implements TokenHook {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * A hook at {@code url} (http or https) that must answer within {@code timeout}.
     *
     * @throws IllegalArgumentException when the URL is not http(s) or the timeout is not positive
     */
    public HttpTokenHook(URI url, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("a token hook is an http:// or https:// URL with a host, not " + url);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("a token hook's timeout must be positive, not " + timeout);
        }
        // No redirects: a hook that moved is misconfigured, and following it would send tokens elsewhere.
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Where it posts. */
    public URI url() {
        return url;
    }

    @Override
    public CompletableFuture<Answer> ask(Question question) {
        ObjectNode body = JSON.createObjectNode()
                .put("address", question.address().getHostAddress())
                .put("point", question.point())
                .put("userAgent", question.userAgent())
                .put("token", question.token());
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "asfcast token hook")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return Answer.ADMIT;
            }
            if (status >= 400 && status < 500) {
                return Answer.REFUSE;
            }
            throw new java.util.concurrent.CompletionException(new IOException(url + " answered " + status));
        });
    }

    @Override
    public String toString() {
        return "token hook " + url;
    }
}
