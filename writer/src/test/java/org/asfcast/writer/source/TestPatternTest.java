package org.asfcast.writer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.MediaObject;
import org.asfcast.asf.MediaObjectAssembler;
import org.asfcast.asf.StreamProperties;
import org.asfcast.writer.WriterSink;
import org.asfcast.writer.WriterStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TestPatternTest {

    /** Keeps the header and the packets, as bytes. */
    static final class Capture implements WriterSink {
        final List<byte[]> packets = Collections.synchronizedList(new ArrayList<>());
        volatile byte[] header;
        volatile int ends;

        @Override
        public void onHeader(ByteBuffer h) {
            header = new byte[h.remaining()];
            h.get(header);
        }

        @Override
        public boolean isRealTime() {
            return true;
        }

        @Override
        public void onDataUnit(ByteBuffer unit) {
            byte[] b = new byte[unit.remaining()];
            unit.get(b);
            packets.add(b);
        }

        @Override
        public void onEndWriting() {
            ends++;
        }

        List<MediaObject> objects() throws Exception {
            List<MediaObject> objects = new ArrayList<>();
            MediaObjectAssembler assembler = new MediaObjectAssembler(objects::add);
            for (byte[] p : packets) {
                assembler.accept(DataPacket.parse(p));
            }
            return objects;
        }
    }

    @Test
    void aTimedRunMakesEveryFrameAndBlockInRealTime() throws Exception {
        TestPattern pattern = TestPattern.builder().size(160, 120).framesPerSecond(10).sampleRate(8000)
                .duration(Duration.ofMillis(1000)).preroll(500).build();
        Capture sink = new Capture();
        long begin = System.nanoTime();
        pattern.run(List.of(sink));
        long took = System.nanoTime() - begin;

        assertThat(took).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(900));
        assertThat(sink.ends).isEqualTo(1);
        AsfHeader header = AsfHeader.parse(sink.header);
        assertThat(header.fileProperties().isBroadcast()).isTrue();
        assertThat(header.preroll()).isEqualTo(500);
        assertThat(header.contentDescription().orElseThrow().title()).isEqualTo("asfcast test pattern");
        StreamProperties video = header.stream(TestPattern.VIDEO_STREAM).orElseThrow();
        assertThat(video.videoFormat().orElseThrow().fourCCText()).isEqualTo("MJPG");
        assertThat(video.videoFormat().orElseThrow().width()).isEqualTo(160);
        assertThat(header.stream(TestPattern.AUDIO_STREAM).orElseThrow().audioFormat().orElseThrow().samplesPerSec())
                .isEqualTo(8000);

        List<MediaObject> objects = sink.objects();
        List<MediaObject> frames = objects.stream().filter(o -> o.streamNumber() == 1).toList();
        List<MediaObject> blocks = objects.stream().filter(o -> o.streamNumber() == 2).toList();
        assertThat(frames).hasSize(10).allMatch(MediaObject::keyFrame);
        assertThat(frames).extracting(MediaObject::presentationTime)
                .containsExactly(500L, 600L, 700L, 800L, 900L, 1000L, 1100L, 1200L, 1300L, 1400L);
        assertThat(blocks).hasSize(25).allMatch(b -> b.size() == 320 * 2);
        BufferedImage first = ImageIO.read(new ByteArrayInputStream(frames.get(0).data()));
        assertThat(first.getWidth()).isEqualTo(160);
        assertThat(first.getHeight()).isEqualTo(120);

        WriterStatistics stats = pattern.statistics();
        assertThat(stats.sampleCount()).isEqualTo(35);
        assertThat(stats.droppedSampleCount()).isZero();
    }

    @Test
    void theBeepSoundsInTheFirstTenthOfEachSecond() {
        BeepTone tone = new BeepTone(8000);
        byte[] second = tone.block(0, 8000);
        assertThat(peak(second, 0, 800)).isGreaterThan(10_000);
        assertThat(peak(second, 800, 8000)).isBetween(1_000, 4_000);
        assertThat(tone.block(8000, 800)).isEqualTo(tone.block(0, 800)); // each second alike
    }

    private static int peak(byte[] pcm, int from, int to) {
        int peak = 0;
        for (int i = from; i < to; i++) {
            peak = Math.max(peak, Math.abs((short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8))));
        }
        return peak;
    }

    @Test
    void stopEndsAnEndlessRunPromptly() throws Exception {
        TestPattern pattern = TestPattern.builder().size(64, 48).build();
        Capture sink = new Capture();
        Thread runner = new Thread(() -> {
            try {
                pattern.run(List.of(sink));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        runner.start();
        Thread.sleep(400);
        long asked = System.nanoTime();
        pattern.stop();
        runner.join(5000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(System.nanoTime() - asked).isLessThan(TimeUnit.MILLISECONDS.toNanos(1000));
        assertThat(sink.ends).isEqualTo(1);
        assertThat(sink.packets).isNotEmpty();

        // Stopping is final: another run ends at once, cleanly.
        Capture again = new Capture();
        pattern.run(List.of(again));
        assertThat(again.header).isNotNull();
        assertThat(again.ends).isEqualTo(1);
    }

    @Test
    void describeNamesWhatIsBroadcast() {
        assertThat(new TestPattern().describe()).contains("320x240", "25 fps", "22050 Hz");
        assertThat(TestPattern.builder().duration(Duration.ofSeconds(4)).build().describe()).contains("4.0 s");
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> TestPattern.builder().size(8, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestPattern.builder().framesPerSecond(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestPattern.builder().jpegQuality(1.5f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestPattern.builder().sampleRate(22051)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestPattern.builder().duration(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultPatternHasASaneBitrate() throws Exception {
        try (PatternPicture picture = new PatternPicture(320, 240, 25, 0.7f)) {
            long bitrate = (long) picture.frame(12).length * 8 * 25;
            assertThat(bitrate).isBetween(200_000L, 3_000_000L);
        }
    }
}
