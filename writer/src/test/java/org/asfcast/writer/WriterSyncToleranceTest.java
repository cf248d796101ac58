package org.asfcast.writer;

import static org.asfcast.writer.Profiles.ms;
import static org.asfcast.writer.Profiles.sample;
import static org.asfcast.writer.WriterProfileTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Samples later than the sync tolerance allows are dropped, counted, and reported. */
class WriterSyncToleranceTest {

    private final Writer writer = new Writer();
    private final RecordingSink sink = new RecordingSink(false);

    private void begin() throws Exception {
        writer.setProfile(Profiles.videoAndAudio());
        writer.addSink(sink);
        writer.beginWriting();
    }

    @Test
    void aSampleMoreThanTheToleranceBehindTheNewestIsDroppedAndCounted() throws Exception {
        begin();
        writer.writeSample(1, ms(5000), Writer.CLEANPOINT, sample(500, 1));
        assertError(() -> writer.writeSample(2, ms(1999), 0, sample(300, 2)), SdkError.NS_E_LATE_OPERATION);
        writer.writeSample(2, ms(2000), 0, sample(200, 3)); // exactly the tolerance behind: in sync
        writer.endWriting();

        WriterStatistics audio = writer.statistics(2);
        assertThat(audio.sampleCount()).isEqualTo(1);
        assertThat(audio.byteCount()).isEqualTo(200);
        assertThat(audio.droppedSampleCount()).isEqualTo(1);
        assertThat(audio.droppedByteCount()).isEqualTo(300);
        assertThat(writer.statistics(0).droppedSampleCount()).isEqualTo(1);
        assertThat(sink.objects()).extracting(o -> o.size()).containsExactly(500, 200);
    }

    @Test
    void theToleranceIsTheWritersSetting() throws Exception {
        begin();
        writer.setSyncTolerance(100);
        writer.writeSample(1, ms(1000), Writer.CLEANPOINT, sample(500, 1));
        assertError(() -> writer.writeSample(2, ms(899), 0, sample(300, 2)), SdkError.NS_E_LATE_OPERATION);
        writer.writeSample(2, ms(900), 0, sample(300, 2));
        writer.setSyncTolerance(0);
        assertError(() -> writer.writeSample(1, ms(999), 0, sample(300, 2)), SdkError.NS_E_LATE_OPERATION);
        assertThat(writer.statistics(0).droppedSampleCount()).isEqualTo(2);
    }

    @Test
    void aNonLiveSourceSlowerThanRealTimeIsNotPenalised() throws Exception {
        begin();
        writer.setSyncTolerance(10);
        Thread.sleep(50);
        writer.writeSample(1, 0, Writer.CLEANPOINT, sample(500, 1));
        assertThat(writer.statistics(0).droppedSampleCount()).isZero();
    }

    @Test
    void aLiveSourceIsHeldToTheWallClock() throws Exception {
        writer.setLiveSource(true);
        writer.setSyncTolerance(100);
        begin();
        Thread.sleep(300);
        assertError(() -> writer.writeSample(1, 0, Writer.CLEANPOINT, sample(500, 1)), SdkError.NS_E_LATE_OPERATION);
        writer.writeSample(1, writer.writerTime(), Writer.CLEANPOINT, sample(400, 1));
        assertThat(writer.statistics(1).droppedSampleCount()).isEqualTo(1);
        assertThat(writer.statistics(1).sampleCount()).isEqualTo(1);
    }

    @Test
    void aLiveSourceAheadOfTheClockByMoreThanTheToleranceIsTooMuchData() throws Exception {
        writer.setLiveSource(true);
        begin();
        assertError(() -> writer.writeSample(1, ms(10_000), Writer.CLEANPOINT, sample(500, 1)),
                SdkError.NS_E_TOO_MUCH_DATA);
        writer.writeSample(1, ms(2000), Writer.CLEANPOINT, sample(500, 1));
        assertThat(writer.statistics(1).droppedSampleCount()).isEqualTo(1);
        assertThat(writer.statistics(1).droppedByteCount()).isEqualTo(500);
        assertThat(writer.statistics(1).sampleCount()).isEqualTo(1);
    }

    @Test
    void aNonLiveSourceMayRunAheadOfTheClock() throws Exception {
        begin();
        writer.writeSample(1, ms(100_000), Writer.CLEANPOINT, sample(500, 1));
        assertThat(writer.statistics(1).sampleCount()).isEqualTo(1);
    }
}
