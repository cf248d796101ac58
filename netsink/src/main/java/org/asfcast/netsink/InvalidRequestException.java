package org.asfcast.netsink;

import org.asfcast.writer.SdkError;
import org.asfcast.writer.SdkException;

/** {@code NS_E_INVALID_REQUEST}: the call is not valid in the sink's current state, or a value is invalid. */
public final class InvalidRequestException extends SdkException {

    private static final long serialVersionUID = 1L;

    /** An exception with a sentence about this case. */
    public InvalidRequestException(String sentence) {
        super(SdkError.NS_E_INVALID_REQUEST, sentence);
    }
}
