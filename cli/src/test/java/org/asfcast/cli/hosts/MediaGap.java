package org.asfcast.cli.hosts;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.asfcast.asf.Payload;
import org.asfcast.client.MmshClient;
import org.asfcast.client.PlaySession;
import org.asfcast.client.ReceivedPacket;

/**
 * The longest hold-up of a stream's media as one player sees it: the most time between two data
 * packets that carry a payload of a media stream (keep-alive packets, which fill a silence on an
 * undeclared stream, do not count).
 */
public final class MediaGap {

    private MediaGap() {
    }

    /**
     * Plays {@code mmsh} for {@code span} in the background (the test's own client, with a read
     * timeout longer than any gap it should see), counting streams {@code 1..lastMediaStream}.
     */
    public static CompletableFuture<Duration> longest(URI mmsh, Duration span, int lastMediaStream) {
        CompletableFuture<Duration> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(watch(mmsh, span, lastMediaStream));
            } catch (Exception | AssertionError e) {
                result.completeExceptionally(e);
            }
        }, "media gap of " + mmsh);
        t.setDaemon(true);
        t.start();
        return result;
    }

    private static Duration watch(URI mmsh, Duration span, int lastMediaStream) throws Exception {
        long end = System.nanoTime() + span.toNanos();
        long last = 0;
        long longest = 0;
        try (PlaySession play = MmshClient.create().withReadTimeout(Duration.ofSeconds(60)).play(mmsh)) {
            for (Optional<ReceivedPacket> p; System.nanoTime() < end && (p = play.nextPacket()).isPresent(); ) {
                boolean media = p.get().parse().payloads().stream().map(Payload::streamNumber)
                        .anyMatch(n -> n >= 1 && n <= lastMediaStream);
                if (media) {
                    long now = System.nanoTime();
                    if (last != 0) {
                        longest = Math.max(longest, now - last);
                    }
                    last = now;
                }
            }
        }
        if (last == 0) {
            throw new AssertionError("no media from " + mmsh);
        }
        return Duration.ofNanos(longest);
    }
}
