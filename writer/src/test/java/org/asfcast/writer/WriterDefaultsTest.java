package org.asfcast.writer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The SDK's documented defaults and the settings allowed at any time. */
class WriterDefaultsTest {

    @Test
    void aNewWriterIsNotLiveNotRealTimeAndTolerates3000Ms() {
        Writer writer = new Writer();
        assertThat(writer.isLiveSource()).isFalse();
        assertThat(writer.isRealTime()).isFalse();
        assertThat(writer.syncTolerance()).isEqualTo(Writer.DEFAULT_SYNC_TOLERANCE).isEqualTo(3000);
        assertThat(writer.writerTime()).isZero();
        assertThat(writer.sinks()).isEmpty();
        assertThat(writer.profile()).isEmpty();
        assertThat(writer.isWriting()).isFalse();
    }

    @Test
    void theWriterIsRealTimeForALiveSourceOrARealTimeSink() {
        Writer writer = new Writer();
        writer.addSink(new RecordingSink(false));
        assertThat(writer.isRealTime()).isFalse();
        writer.setLiveSource(true);
        assertThat(writer.isRealTime()).isTrue();
        writer.setLiveSource(false);
        RecordingSink realTime = new RecordingSink(true);
        writer.addSink(realTime);
        assertThat(writer.isRealTime()).isTrue();
        writer.removeSink(realTime);
        assertThat(writer.isRealTime()).isFalse();
    }

    @Test
    void liveSourceAndSyncToleranceMayChangeWhileWriting() throws Exception {
        Writer writer = new Writer();
        writer.setProfile(Profiles.videoAndAudio());
        writer.beginWriting();
        writer.setLiveSource(true);
        writer.setSyncTolerance(500);
        assertThat(writer.isLiveSource()).isTrue();
        assertThat(writer.syncTolerance()).isEqualTo(500);
        writer.endWriting();
    }

    @Test
    void writerTimeFollowsTheWallClockInRealTimeAndTheSamplesOtherwise() throws Exception {
        Writer writer = new Writer();
        writer.setProfile(Profiles.videoAndAudio());
        writer.beginWriting();
        writer.writeSample(1, Profiles.ms(2000), Writer.CLEANPOINT, Profiles.sample(100, 1));
        assertThat(writer.writerTime()).isEqualTo(Profiles.ms(2000));
        writer.setLiveSource(true);
        Thread.sleep(20);
        assertThat(writer.writerTime()).isBetween(Profiles.ms(20), Profiles.ms(1500));
        writer.endWriting();
        assertThat(writer.writerTime()).isZero();
    }
}
