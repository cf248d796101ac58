package org.asfcast.writer;

import static org.asfcast.writer.Profiles.ms;
import static org.asfcast.writer.Profiles.sample;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ten fields of WM_WRITER_STATISTICS, per stream and for the whole broadcast. */
class WriterStatisticsTest {

    private final Writer writer = new Writer();

    /** Two seconds: 25 frames/s of 1000 bytes, 25 audio blocks/s of 640 bytes. */
    private void writeTwoSeconds() throws Exception {
        writer.setProfile(Profiles.videoAndAudio());
        writer.addSink(new RecordingSink(false));
        writer.beginWriting();
        for (int i = 0; i < 50; i++) {
            writer.writeSample(1, ms(i * 40L), Writer.CLEANPOINT, sample(1000, i));
            writer.writeSample(2, ms(i * 40L), 0, sample(640, i));
        }
    }

    @Test
    void countsAndRatesOfEachStream() throws Exception {
        writeTwoSeconds();
        WriterStatistics video = writer.statistics(1);
        assertThat(video.sampleCount()).isEqualTo(50);
        assertThat(video.byteCount()).isEqualTo(50_000);
        assertThat(video.droppedSampleCount()).isZero();
        assertThat(video.droppedByteCount()).isZero();
        assertThat(video.averageBitrate()).isEqualTo(200_000); // 1000 B × 8 × 25/s
        assertThat(video.currentBitrate()).isEqualTo(200_000);
        assertThat(video.expectedBitrate()).isEqualTo(200_000);
        assertThat(video.averageSampleRate()).isEqualTo(25);
        assertThat(video.currentSampleRate()).isEqualTo(25);
        assertThat(video.expectedSampleRate()).isEqualTo(25);

        WriterStatistics audio = writer.statistics(2);
        assertThat(audio.sampleCount()).isEqualTo(50);
        assertThat(audio.byteCount()).isEqualTo(32_000);
        assertThat(audio.averageBitrate()).isEqualTo(128_000);
        assertThat(audio.expectedBitrate()).isEqualTo(128_000);
    }

    @Test
    void streamZeroIsTheWholeBroadcast() throws Exception {
        writeTwoSeconds();
        WriterStatistics all = writer.statistics(0);
        assertThat(all).isEqualTo(writer.statistics(1).plus(writer.statistics(2)));
        assertThat(all.sampleCount()).isEqualTo(100);
        assertThat(all.byteCount()).isEqualTo(82_000);
        assertThat(all.averageBitrate()).isEqualTo(328_000);
        assertThat(all.averageSampleRate()).isEqualTo(50);
    }

    @Test
    void currentRatesFollowTheLastSecond() throws Exception {
        writeTwoSeconds();
        // One more second at twice the frame size.
        for (int i = 50; i < 76; i++) {
            writer.writeSample(1, ms(i * 40L), Writer.CLEANPOINT, sample(2000, i));
        }
        WriterStatistics video = writer.statistics(1);
        assertThat(video.currentBitrate()).isEqualTo(400_000);
        assertThat(video.averageBitrate()).isBetween(200_000L, 400_000L);
    }

    @Test
    void statisticsOutliveEndWritingAndStartOverWithTheNextSession() throws Exception {
        writeTwoSeconds();
        writer.endWriting();
        assertThat(writer.statistics(0).sampleCount()).isEqualTo(100);
        writer.beginWriting();
        assertThat(writer.statistics(0).sampleCount()).isZero();
        assertThat(writer.statistics(0).expectedBitrate()).isEqualTo(328_000);
        writer.endWriting();
    }
}
