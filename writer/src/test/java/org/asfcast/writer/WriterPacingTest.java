package org.asfcast.writer;

import static org.asfcast.writer.Profiles.ms;
import static org.asfcast.writer.Profiles.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asfcast.asf.DataPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Flow control: a non-live source feeding a real-time sink is held back to real time by the
 * packets' send times; a live source, or a writer without real-time sinks, never waits.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class WriterPacingTest {

    private static final long LATE_ALLOWANCE_NANOS = 500_000_000L; // a loaded machine may wake us late

    private final Writer writer = new Writer();

    /** 1.5 s of 25 fps video and 40 ms audio blocks, written as fast as the writer returns. */
    private long writeOneAndAHalfSeconds() throws Exception {
        long begin = System.nanoTime();
        for (int i = 0; i < 38; i++) {
            writer.writeSample(1, ms(i * 40L), Writer.CLEANPOINT, sample(1500, i));
            writer.writeSample(2, ms(i * 40L), 0, sample(320, i));
        }
        writer.endWriting();
        return System.nanoTime() - begin;
    }

    @Test
    void aNonLiveSourceIsPacedBySendTimeForARealTimeSink() throws Exception {
        RecordingSink network = new RecordingSink(true);
        RecordingSink file = new RecordingSink(false);
        writer.setProfile(Profiles.videoAndAudio());
        writer.addSink(network);
        writer.addSink(file);
        writer.beginWriting();
        long took = writeOneAndAHalfSeconds();

        long start = network.of("header").get(0).nanos();
        List<RecordingSink.Call> units = network.of("data");
        List<DataPacket> packets = network.packets();
        assertThat(packets.get(packets.size() - 1).sendTime()).isGreaterThan(1400);
        for (int i = 0; i < units.size(); i++) {
            long due = start + packets.get(i).sendTime() * 1_000_000L;
            assertThat(units.get(i).nanos()).as("packet %d, sent at %d ms", i, packets.get(i).sendTime())
                    .isGreaterThanOrEqualTo(due).isLessThan(due + LATE_ALLOWANCE_NANOS);
        }
        assertThat(took).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(1400));
        // The file sink gets the same packets at the same pace.
        assertThat(file.of("data")).hasSameSizeAs(units);
    }

    @Test
    void aLiveSourceIsNeverBlocked() throws Exception {
        RecordingSink network = new RecordingSink(true);
        writer.setProfile(Profiles.videoAndAudio());
        writer.setLiveSource(true);
        writer.addSink(network);
        writer.beginWriting();
        long took = writeOneAndAHalfSeconds();
        assertThat(took).isLessThan(TimeUnit.MILLISECONDS.toNanos(1000));
        assertThat(network.packets()).hasSizeGreaterThan(50);
        assertThat(writer.statistics(0).droppedSampleCount()).isZero();
    }

    @Test
    void withoutARealTimeSinkTheWriterRunsAsFastAsItIsFed() throws Exception {
        writer.setProfile(Profiles.videoAndAudio());
        writer.addSink(new RecordingSink(false));
        writer.beginWriting();
        assertThat(writeOneAndAHalfSeconds()).isLessThan(TimeUnit.MILLISECONDS.toNanos(1000));
    }

    @Test
    void aStatisticsCallIsAnsweredWhileTheWriterIsBlocked() throws Exception {
        writer.setProfile(Profiles.videoAndAudio());
        writer.addSink(new RecordingSink(true));
        writer.beginWriting();
        Thread feeder = new Thread(() -> {
            try {
                // Fills a 1000-byte packet sent at 2 s: the call blocks until then.
                writer.writeSample(1, ms(2000), Writer.CLEANPOINT, sample(1500, 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        feeder.start();
        Thread.sleep(200);
        long asked = System.nanoTime();
        assertThat(writer.statistics(1).sampleCount()).isEqualTo(1);
        assertThat(writer.isRealTime()).isTrue();
        assertThat(System.nanoTime() - asked).isLessThan(TimeUnit.MILLISECONDS.toNanos(100));
        feeder.interrupt();
        feeder.join(2000);
        assertThat(feeder.isAlive()).isFalse();
        writer.setLiveSource(true); // the held packets now go out at once
        writer.endWriting();
    }
}
