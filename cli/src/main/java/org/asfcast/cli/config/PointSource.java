package org.asfcast.cli.config;

/** Where a point's broadcast comes from: exactly one per point. */
public sealed interface PointSource permits FileSource, CommandSource, TranscodeSource, TestPatternSource,
        StdinSource {

    /** A few words for the operator, such as {@code file radio.wma, loop} or {@code command ffmpeg}. */
    String describe();
}
