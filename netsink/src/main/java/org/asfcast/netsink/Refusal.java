package org.asfcast.netsink;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A request answered with an error status, as a {@link ServerObserver} sees it: who asked, for
 * what, and what they were told.
 *
 * @param point     the path of the point the request was for; empty when it named none, or when
 *                  its head could not be read
 * @param remote    the address and port it came from
 * @param userAgent the User-Agent it sent, empty when none (or when the head could not be read)
 * @param uri       the path and query it asked for, as sent; empty when the head could not be read
 * @param status    the HTTP status it got (400, 401, 403, 404, 415, 416, 431, 503, ...)
 * @param sentence  the sentence it got, saying why
 * @param at        when
 */
public record Refusal(String point, InetSocketAddress remote, String userAgent, String uri, int status, String sentence,
                      Instant at) {

    public Refusal {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(sentence, "sentence");
        Objects.requireNonNull(at, "at");
    }
}
