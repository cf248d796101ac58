package org.asfcast.netsink;

import java.util.Objects;

/**
 * One stream of a broadcast's header, as the operator sees it.
 *
 * @param number        its stream number
 * @param type          {@code audio}, {@code video}, or {@code other}
 * @param bitsPerSecond its bit rate as the header gives it (Stream Bitrate Properties, else Extended
 *                      Stream Properties, else an audio format's average rate); 0 when it gives none
 */
public record StreamDescription(int number, String type, long bitsPerSecond) {

    public StreamDescription {
        Objects.requireNonNull(type, "type");
    }
}
