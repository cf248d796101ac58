package org.asfcast.writer;

import java.util.Objects;

/**
 * A call the SDK would have failed with an HRESULT: carries the {@link SdkError} and a sentence
 * saying what was wrong in this case. Unchecked, because each one reports a misuse the caller can
 * avoid (calling in the wrong state, a bad value) or, for {@code open}, a port already taken, for
 * which a subclass exists.
 */
public class SdkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final SdkError error;

    /** An exception for {@code error}, with a sentence about this case. */
    public SdkException(SdkError error, String sentence) {
        this(error, sentence, null);
    }

    /** An exception for {@code error}, with a sentence about this case and its cause. */
    public SdkException(SdkError error, String sentence, Throwable cause) {
        super(sentence + " [" + Objects.requireNonNull(error) + "]", cause);
        this.error = error;
    }

    /** The SDK error code. */
    public SdkError error() {
        return error;
    }
}
