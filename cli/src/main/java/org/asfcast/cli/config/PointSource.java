package org.asfcast.cli.config;

/** Where a point's media comes from: a broadcast's source or an on-demand folder; exactly one per point. */
public sealed interface PointSource permits FileSource, CommandSource, TranscodeSource, TestPatternSource,
        StdinSource, OnDemandFolder, RelaySource {

    /** A few words for the operator, such as {@code file radio.wma, loop} or {@code command ffmpeg}. */
    String describe();
}
