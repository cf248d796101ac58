package org.asfcast.client.push;

import java.time.Duration;

/**
 * Told what a {@link PushSink}'s connection does: the SDK's push sink status events
 * ({@code WMT_OPENED}, {@code WMT_CONNECTING}, {@code WMT_ERROR}) in Java. Called on the sink's
 * sending thread, one at a time; a listener should return quickly and not throw.
 */
public interface PushListener {

    /** A listener that does nothing. */
    PushListener NONE = new PushListener() { };

    /** The server accepted a PushSetup and gave this push-id (again after it had lost the session). */
    default void opened(String pushId) {
    }

    /** The push stopped for {@code reason}; the sink tries again after {@code retryIn}. */
    default void interrupted(String reason, Duration retryIn) {
    }

    /** The push goes on after an interruption, in the session {@code pushId}. */
    default void resumed(String pushId) {
    }

    /** The sink gave up: trying again could not help ({@code sentence} says why). */
    default void failed(String sentence) {
    }
}
