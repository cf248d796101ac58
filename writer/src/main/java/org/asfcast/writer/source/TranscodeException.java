package org.asfcast.writer.source;

import java.io.IOException;

/** A transcode that cannot start: FFmpeg is missing, or cannot read the input; the message is the sentence to print. */
public final class TranscodeException extends IOException {

    private static final long serialVersionUID = 1L;

    /** With the sentence for the user. */
    public TranscodeException(String sentence) {
        super(sentence);
    }
}
