package org.asfcast.writer;

/**
 * The SDK's {@code WM_WRITER_STATISTICS}: what a writer has written, for one stream or the whole
 * broadcast. The SDK leaves the bitrate unit open and states sample rates in kHz; here bitrates are
 * in bits per second and sample rates in <em>samples per second</em>, because a sample is one
 * {@link Writer#writeSample} call (a video frame, a block of audio) and 25 frames per second in kHz
 * would read as 0.
 *
 * <p>Rates are measured on the media timeline (the samples' own times), so they describe the
 * content whatever the pace of delivery: "average" over every sample since {@code beginWriting},
 * "current" over the last second. "Expected" is what the profile declares.
 *
 * @param sampleCount        samples accepted and packetized
 * @param byteCount          bytes of those samples
 * @param droppedSampleCount samples discarded (late beyond the sync tolerance, or too early from a live source)
 * @param droppedByteCount   bytes of the discarded samples
 * @param currentBitrate     bits per second over the last second of media time
 * @param averageBitrate     bits per second since the first sample
 * @param expectedBitrate    the profile's declared bitrate
 * @param currentSampleRate  samples per second over the last second of media time
 * @param averageSampleRate  samples per second since the first sample
 * @param expectedSampleRate the profile's declared samples per second (0 when not declared)
 */
public record WriterStatistics(long sampleCount, long byteCount, long droppedSampleCount, long droppedByteCount,
                               long currentBitrate, long averageBitrate, long expectedBitrate,
                               long currentSampleRate, long averageSampleRate, long expectedSampleRate) {

    /** Statistics of nothing written. */
    public static final WriterStatistics NONE = new WriterStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The sum of two streams' statistics: counts and rates add up. */
    public WriterStatistics plus(WriterStatistics o) {
        return new WriterStatistics(sampleCount + o.sampleCount, byteCount + o.byteCount,
                droppedSampleCount + o.droppedSampleCount, droppedByteCount + o.droppedByteCount,
                currentBitrate + o.currentBitrate, averageBitrate + o.averageBitrate,
                expectedBitrate + o.expectedBitrate, currentSampleRate + o.currentSampleRate,
                averageSampleRate + o.averageSampleRate, expectedSampleRate + o.expectedSampleRate);
    }
}
