package org.asfcast.writer.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.asfcast.asf.testing.Players;
import org.asfcast.asf.testing.Players.DecodedFrame;
import org.asfcast.writer.FileSink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four seconds of the live test pattern, recorded by the file sink, decode whole in FFmpeg, seek
 * to the right frame, and play in MPlayer.
 */
@Tag("interop")
class TestPatternFileInteropTest {

    private static final int FPS = 25;
    private static final int SECONDS = 4;
    private static final int FRAMES = FPS * SECONDS;
    private static final double SEEK_SECONDS = 2.0;

    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void record() throws Exception {
        file = dir.resolve("pattern.asf");
        TestPattern pattern = TestPattern.builder().duration(Duration.ofSeconds(SECONDS)).build();
        pattern.run(List.of(new FileSink(file)));
        assertThat(pattern.statistics().droppedSampleCount()).isZero();
    }

    @Test
    void ffmpegDecodesEveryFrameAndTheAudio() {
        List<DecodedFrame> frames = Players.ffmpegFrames(file, 0);
        List<DecodedFrame> video = Players.stream(frames, 0);
        assertThat(video).hasSize(FRAMES);
        assertThat(video).extracting(DecodedFrame::md5).doesNotHaveDuplicates();
        // 40 ms PCM blocks over the 4 s.
        assertThat(Players.stream(frames, 1)).hasSize(SECONDS * 25);
    }

    @Test
    void ffmpegSeeksToTheRightFrame() {
        List<DecodedFrame> all = Players.stream(Players.ffmpegFrames(file, 0), 0);
        List<DecodedFrame> afterSeek = Players.stream(Players.ffmpegFrames(file, SEEK_SECONDS), 0);
        int expectedIndex = (int) (SEEK_SECONDS * FPS);
        assertThat(afterSeek.get(0).md5()).isEqualTo(all.get(expectedIndex).md5());
        assertThat(afterSeek).hasSize(FRAMES - expectedIndex);
    }

    @Test
    void mplayerShowsEveryFrame() {
        assertThat(Players.mplayerVideoFrames(file, 0)).isBetween(FRAMES - 2, FRAMES);
    }
}
