package org.asfcast.asf;

import java.util.Arrays;

/**
 * A whole media object (a video frame, a block of audio samples) of one stream.
 *
 * @param streamNumber     1..127
 * @param presentationTime ms on the ASF timeline, i.e. offset by the preroll as payloads carry it
 * @param keyFrame         whether it is a key frame (a clean point)
 * @param data             the object's bytes
 */
public record MediaObject(int streamNumber, long presentationTime, boolean keyFrame, byte[] data) {

    public MediaObject {
        if (streamNumber < 1 || streamNumber > 127) {
            throw new IllegalArgumentException("stream number " + streamNumber + " is outside 1..127");
        }
    }

    /** Number of bytes. */
    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaObject m && streamNumber == m.streamNumber
                && presentationTime == m.presentationTime && keyFrame == m.keyFrame && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return (streamNumber * 31 + Long.hashCode(presentationTime)) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "MediaObject[stream " + streamNumber + ", " + presentationTime + " ms" + (keyFrame ? ", key" : "")
                + ", " + data.length + " bytes]";
    }
}
