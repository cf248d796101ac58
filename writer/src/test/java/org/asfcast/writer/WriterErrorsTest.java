package org.asfcast.writer;

import static org.asfcast.writer.Profiles.ms;
import static org.asfcast.writer.Profiles.sample;
import static org.asfcast.writer.WriterProfileTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every error the SDK documents for the writer, with the code asfcast raises for it. */
class WriterErrorsTest {

    private final Writer writer = new Writer();

    private Writer writing() throws Exception {
        writer.setProfile(Profiles.videoAndAudio());
        writer.beginWriting();
        return writer;
    }

    @Test
    void writingBeforeBeginWritingIsAnInvalidState() {
        writer.setProfile(Profiles.videoAndAudio());
        assertError(() -> writer.writeSample(1, 0, Writer.CLEANPOINT, sample(10, 0)), SdkError.ASF_E_INVALIDSTATE);
    }

    @Test
    void endWritingWhenNotRunningIsAnInvalidState() throws Exception {
        assertError(writer::endWriting, SdkError.ASF_E_INVALIDSTATE);
        writing().endWriting();
        assertError(writer::endWriting, SdkError.ASF_E_INVALIDSTATE);
        assertError(() -> writer.writeSample(1, 0, 0, sample(10, 0)), SdkError.ASF_E_INVALIDSTATE);
    }

    @Test
    void beginWritingWithoutAProfileOrTwiceIsUnexpected() throws Exception {
        assertError(writer::beginWriting, SdkError.E_UNEXPECTED);
        writing();
        assertError(writer::beginWriting, SdkError.E_UNEXPECTED);
        assertThat(writer.isWriting()).isTrue();
    }

    @Test
    void theProfileCannotChangeWhileWriting() throws Exception {
        writing();
        assertError(() -> writer.setProfile(Profiles.videoAndAudio()), SdkError.ASF_E_INVALIDSTATE);
        writer.endWriting();
        writer.setProfile(Profiles.videoAndAudio()); // configurable again
        assertError(() -> writer.setProfile(null), SdkError.E_INVALIDARG);
    }

    @Test
    void badSampleArgumentsAreInvalidArguments() throws Exception {
        writing();
        assertError(() -> writer.writeSample(3, 0, 0, sample(10, 0)), SdkError.E_INVALIDARG);
        assertError(() -> writer.writeSample(0, 0, 0, sample(10, 0)), SdkError.E_INVALIDARG);
        assertError(() -> writer.writeSample(-1, 0, 0, sample(10, 0)), SdkError.E_INVALIDARG);
        assertError(() -> writer.writeSample(1, 0, 0, null), SdkError.E_INVALIDARG);
        assertError(() -> writer.writeSample(1, -1, 0, sample(10, 0)), SdkError.E_INVALIDARG);
        assertError(() -> writer.writeSample(1, 0, 8, sample(10, 0)), SdkError.E_INVALIDARG);
        assertError(() -> writer.writeSample(1, ms(0xFFFFFFFFL), 0, sample(10, 0)), SdkError.E_INVALIDARG);
        // None of them was taken, and the writer still writes.
        writer.writeSample(1, 0, Writer.CLEANPOINT | Writer.DISCONTINUITY | Writer.DATALOSS, sample(10, 0));
        assertThat(writer.statistics(0).sampleCount()).isEqualTo(1);
        assertThat(writer.statistics(0).droppedSampleCount()).isZero();
    }

    @Test
    void samplesAsfCannotCarryAreInvalidData() throws Exception {
        writing();
        assertError(() -> writer.writeSample(1, 0, 0, new byte[0]), SdkError.NS_E_INVALID_DATA);
        assertError(() -> writer.writeSample(1, 0, 0, new byte[1 << 24]), SdkError.NS_E_INVALID_DATA);
    }

    @Test
    void sinksMustBeRealAndAddedOnce() {
        assertError(() -> writer.addSink(null), SdkError.E_INVALIDARG);
        RecordingSink sink = new RecordingSink(false);
        writer.addSink(sink);
        assertError(() -> writer.addSink(sink), SdkError.E_INVALIDARG);
        assertThat(writer.sinks()).containsExactly(sink);
    }

    @Test
    void statisticsOfAStreamNotInTheProfileAreAnInvalidArgument() {
        assertThat(writer.statistics(0)).isEqualTo(WriterStatistics.NONE);
        assertError(() -> writer.statistics(1), SdkError.E_INVALIDARG);
        writer.setProfile(Profiles.videoAndAudio());
        assertThat(writer.statistics(2).sampleCount()).isZero();
        assertError(() -> writer.statistics(3), SdkError.E_INVALIDARG);
        assertError(() -> writer.statistics(-1), SdkError.E_INVALIDARG);
    }

    @Test
    void aNegativeSyncToleranceIsAnInvalidArgument() {
        assertError(() -> writer.setSyncTolerance(-1), SdkError.E_INVALIDARG);
        assertThat(writer.syncTolerance()).isEqualTo(3000);
    }

    @Test
    void errorsCarryTheSdkCodes() {
        assertThat(SdkError.ASF_E_INVALIDSTATE.hresult()).isEqualTo(0xC00D07F5);
        assertThat(SdkError.NS_E_INVALID_DATA.hresult()).isEqualTo(0xC00D002F);
        assertThat(SdkError.NS_E_LATE_OPERATION.hresult()).isEqualTo(0xC00D002E);
        assertThat(SdkError.NS_E_TOO_MUCH_DATA.hresult()).isEqualTo(0xC00D0BCC);
        assertThat(SdkError.E_UNEXPECTED.hresult()).isEqualTo(0x8000FFFF);
        assertThat(SdkError.E_POINTER.hresult()).isEqualTo(0x80004003);
    }
}
