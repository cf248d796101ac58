package org.asfcast.ops.metrics;

import org.asfcast.netsink.wire.ClientProtocol;

/** The names the operator side gives the players' protocols, in metrics labels and the status API. */
public final class Protocols {

    private Protocols() {
    }

    /** {@code mmsh} for MS-WMSP, {@code http} for plain HTTP. */
    public static String name(ClientProtocol protocol) {
        return switch (protocol) {
            case MS_WMSP -> "mmsh";
            case PLAIN_HTTP -> "http";
        };
    }
}
