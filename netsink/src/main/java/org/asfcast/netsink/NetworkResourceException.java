package org.asfcast.netsink;

import org.asfcast.writer.SdkError;
import org.asfcast.writer.SdkException;

/** {@code NS_E_NETWORK_RESOURCE_FAILURE}: the sink could not bind its port (most often: in use). */
public final class NetworkResourceException extends SdkException {

    private static final long serialVersionUID = 1L;

    /** An exception with a sentence about this case and the socket error behind it. */
    public NetworkResourceException(String sentence, Throwable cause) {
        super(SdkError.NS_E_NETWORK_RESOURCE_FAILURE, sentence, cause);
    }
}
