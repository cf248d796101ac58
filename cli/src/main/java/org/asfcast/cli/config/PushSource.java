package org.asfcast.cli.config;

import java.util.Objects;
import org.asfcast.netsink.PushSettings;

/**
 * A broadcast whose stream publishers push to the server: a plain {@code PUT}/{@code POST} of
 * ASF (FFmpeg's {@code -method PUT}) or MS-WMHTTP push (Windows Media Encoder, the SDK's push
 * sink), with the point's publishing credential.
 *
 * @param settings the credential and the times
 */
public record PushSource(PushSettings settings) implements PointSource {

    /** Checks for null. */
    public PushSource {
        Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String describe() {
        return "pushed by a publisher";
    }
}
