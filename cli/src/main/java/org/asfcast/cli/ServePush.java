package org.asfcast.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.asfcast.client.push.PushListener;
import org.asfcast.client.push.PushSettings;
import org.asfcast.client.push.PushSink;
import org.asfcast.writer.SdkException;

/**
 * {@code serve --push URL}: the broadcast also goes to a publishing point, pushed as an encoder
 * pushes (MS-WMHTTP, {@link PushSink}). The push sink is one more sink of the broadcast: when the
 * server is away it reconnects on its own, and when it gives up the broadcast goes on for the
 * players; each of those is one line. At the end the session is ended ({@code $E}), so the
 * server's players end too.
 */
final class ServePush {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** The defaults, but 5 s for an answer: also how long the end of the broadcast waits for the push's end. */
    private static final PushSettings SETTINGS = PushSettings.DEFAULTS.withAnswerTimeout(Duration.ofSeconds(5));

    private final PushSink sink;
    private final PrintWriter err;

    private ServePush(PushSink sink, PrintWriter err) {
        this.sink = sink;
        this.err = err;
    }

    /**
     * Connects to {@code url} (the PushSetup goes out at once, on the push's own thread).
     *
     * @throws Failures.UserError when the URL cannot be pushed to (not http://, no host)
     */
    static ServePush start(String url, Terminal terminal, PrintWriter err) {
        PushSink sink = new PushSink(SETTINGS);
        sink.addListener(new PushListener() {
            /** An interruption was told and the push has not come back since: later tries are not told again. */
            private boolean down;

            @Override
            public void opened(String pushId) {
                down = false;
                terminal.println(now() + " pushing to " + sink.url().orElse(url) + " (push-id " + pushId + ")");
            }

            @Override
            public void interrupted(String reason, Duration retryIn) {
                if (!down) {
                    down = true;
                    terminal.println(now() + " push to " + sink.url().orElse(url) + " interrupted: " + reason
                            + String.format(Locale.ROOT, "; trying again in %.1f s, and on until it comes back",
                            retryIn.toMillis() / 1000.0));
                }
            }

            @Override
            public void resumed(String pushId) {
                down = false;
                terminal.println(now() + " push to " + sink.url().orElse(url) + " resumed");
            }

            @Override
            public void failed(String sentence) {
                err.println("asfcast: the push stopped, the broadcast goes on: " + sentence);
                err.flush();
            }
        });
        try {
            sink.connect(url, null, false);
        } catch (SdkException e) {
            throw new Failures.UserError("--push: " + e.getMessage());
        }
        return new ServePush(sink, err);
    }

    /** The sink to add to the broadcast's sinks. */
    PushSink sink() {
        return sink;
    }

    /** Ends the push session: what is queued, then {@code $E} 0; a failure is one line. */
    void end() {
        try {
            sink.endSession();
        } catch (SdkException e) {
            if (sink.failure().isEmpty()) { // a failure was told when it happened
                err.println("asfcast: the push could not be ended: " + e.getMessage());
                err.flush();
            }
        }
    }

    private static String now() {
        return CLOCK.format(LocalTime.now());
    }
}
