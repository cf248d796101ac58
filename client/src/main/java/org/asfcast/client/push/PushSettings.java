package org.asfcast.client.push;

import java.time.Duration;
import java.util.Objects;
import org.asfcast.writer.source.Backoff;

/**
 * Settings of a {@link PushSink} that the SDK fixes or does not have. Immutable; start from
 * {@link #DEFAULTS} and change one with a {@code with...} method.
 *
 * @param userAgent       the User-Agent of every request; servers insist on {@code WMEncoder/<9-12>.0} first (§2.2.1.8)
 * @param contentLength   the Content-Length of each PushStart: the body after which the sink posts again
 *                        (2147483647 by the specification; smaller in tests)
 * @param backoff         how long to wait before trying again after a failure (jittered: 50 to 100% of each wait)
 * @param queueBytes      the most the queue between the writer and the sending thread holds; beyond it the
 *                        oldest packets are dropped
 * @param maxBacklog      how old a queued packet may be when it is sent; older ones are dropped (an outage)
 * @param connectTimeout  how long a TCP connect may take
 * @param answerTimeout   how long to wait for the answer to a PushSetup, or to a complete PushStart body
 * @param earlyAnswerWait how long to listen, after a PushStart's head, for a refusal before sending its body
 */
public record PushSettings(String userAgent, long contentLength, Backoff backoff, long queueBytes, Duration maxBacklog,
                           Duration connectTimeout, Duration answerTimeout, Duration earlyAnswerWait) {

    /** The Content-Length of a PushStart the specification asks for: the largest positive 32-bit number. */
    public static final long SPEC_CONTENT_LENGTH = 2_147_483_647L;
    /**
     * The smallest Content-Length accepted: the largest frame and an {@code $F} header, so that any
     * frame fits a new body. (The specification asks for three of the stream's largest {@code $D};
     * this bound is for tests that post again often.)
     */
    public static final long MIN_CONTENT_LENGTH = PushFrames.FRAMING + PushFrames.MAX_PAYLOAD + PushFrames.FRAMING;

    /**
     * User-Agent {@code WMEncoder/12.0 asfcast}, a Content-Length of 2147483647, the default back-off
     * (0.5 s doubling to 10 s), an 8 MiB queue, a 10 s backlog, 10 s to connect, 30 s for an answer,
     * 250 ms to hear a refusal of a PushStart.
     */
    public static final PushSettings DEFAULTS = new PushSettings("WMEncoder/12.0 asfcast", SPEC_CONTENT_LENGTH,
            Backoff.DEFAULT, 8L << 20, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMillis(250));

    /** Checks the values. */
    public PushSettings {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(backoff, "backoff");
        if (!userAgent.matches("WMEncoder/(9|10|11|12)\\.0[\\x20-\\x7E]*")) {
            throw new IllegalArgumentException("a push's User-Agent starts WMEncoder/9.0, 10.0, 11.0 or 12.0 "
                    + "(MS-WMHTTP 2.2.1.8; servers check it), not '" + userAgent + "'");
        }
        if (contentLength < MIN_CONTENT_LENGTH || contentLength > SPEC_CONTENT_LENGTH) {
            throw new IllegalArgumentException("a PushStart's Content-Length must be " + MIN_CONTENT_LENGTH + ".."
                    + SPEC_CONTENT_LENGTH + ", not " + contentLength);
        }
        if (queueBytes < 2L * (PushFrames.FRAMING + PushFrames.MAX_PAYLOAD)) {
            throw new IllegalArgumentException("the push queue must hold at least two of the largest packets, not "
                    + queueBytes + " bytes");
        }
        for (Duration d : new Duration[] {maxBacklog, connectTimeout, answerTimeout, earlyAnswerWait}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("push durations must be zero or more, not " + d);
            }
        }
        if (connectTimeout.isZero() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("the connect and answer timeouts must be positive");
        }
    }

    /** These settings with another PushStart Content-Length (tests: post again every few packets). */
    public PushSettings withContentLength(long bytes) {
        return new PushSettings(userAgent, bytes, backoff, queueBytes, maxBacklog, connectTimeout, answerTimeout,
                earlyAnswerWait);
    }

    /** These settings with another back-off. */
    public PushSettings withBackoff(Backoff b) {
        return new PushSettings(userAgent, contentLength, b, queueBytes, maxBacklog, connectTimeout, answerTimeout,
                earlyAnswerWait);
    }

    /** These settings with another answer timeout. */
    public PushSettings withAnswerTimeout(Duration timeout) {
        return new PushSettings(userAgent, contentLength, backoff, queueBytes, maxBacklog, connectTimeout, timeout,
                earlyAnswerWait);
    }
}
