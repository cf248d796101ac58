package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.Players;
import org.asfcast.asf.testing.Players.DecodedFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file asfcast writes (MJPEG frames from ImageIO and PCM audio, through the packetizer and the
 * file writer) plays in FFmpeg, VLC and MPlayer with every frame decoded, and seeks.
 *
 * <p>VLC and MPlayer hold back the last frame or two at the end of any file; so their counts are
 * compared with the count for the same media muxed by FFmpeg, played the same way.
 */
@Tag("interop")
class WrittenFilePlaysInteropTest {

    private static final int FRAMES = 100;
    private static final int FPS = 25;
    private static final double SEEK_SECONDS = 2.0;

    @TempDir
    static Path dir;
    static Path ours;
    static Path reference;

    @BeforeAll
    static void writeFiles() throws Exception {
        ours = dir.resolve("asfcast.asf");
        WrittenFiles.writeMjpegPcm(ours, FRAMES, FPS, 160, 120, 3200);
        // The same kind of media muxed by FFmpeg: what each player does at the end of a file.
        reference = Ffmpeg.make(dir.resolve("ffmpeg.asf"),
                "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=" + FPS,
                "-f", "lavfi", "-i", "sine=sample_rate=22050",
                "-frames:v", Integer.toString(FRAMES), "-t", Double.toString((double) FRAMES / FPS),
                "-c:v", "mjpeg", "-c:a", "pcm_s16le", "-ac", "1", "-f", "asf");
    }

    @Test
    void ffmpegDecodesEveryFrameAndTheAudio() {
        List<DecodedFrame> frames = Players.ffmpegFrames(ours, 0);
        List<DecodedFrame> video = Players.stream(frames, 0);
        List<DecodedFrame> audio = Players.stream(frames, 1);
        assertThat(video).hasSize(FRAMES);
        assertThat(video).extracting(DecodedFrame::md5).doesNotHaveDuplicates();
        // 100 ms PCM objects over the 4 s the video lasts.
        assertThat(audio).hasSize(FRAMES * 1000 / FPS / 100);
    }

    @Test
    void ffmpegSeeksToTheRightFrame() {
        List<DecodedFrame> all = Players.stream(Players.ffmpegFrames(ours, 0), 0);
        List<DecodedFrame> afterSeek = Players.stream(Players.ffmpegFrames(ours, SEEK_SECONDS), 0);
        int expectedIndex = (int) (SEEK_SECONDS * FPS);
        assertThat(afterSeek).hasSize(FRAMES - expectedIndex);
        assertThat(afterSeek.get(0).md5()).isEqualTo(all.get(expectedIndex).md5());
    }

    @Test
    void mplayerShowsEveryFrameAndSeeks() {
        int referenceFrames = Players.mplayerVideoFrames(reference, 0);
        assertThat(referenceFrames).isBetween(FRAMES - 2, FRAMES);
        assertThat(Players.mplayerVideoFrames(ours, 0)).isEqualTo(referenceFrames);

        // MPlayer turns the seek time into a byte offset with the File Properties' bitrate; the
        // writer records the real one, so the seek lands on the right second (FFmpeg's own file,
        // which declares its streams' nominal rates, lands far off: 78 frames are left, not 50).
        assertThat(Players.mplayerVideoFrames(ours, SEEK_SECONDS)).isBetween(FRAMES / 2 - 3, FRAMES / 2 + 1);
    }

    @Test
    void vlcShowsEveryFrameAndSeeks() {
        int referenceFrames = Players.vlcVideoFrames(reference, 0);
        assertThat(referenceFrames).isBetween(FRAMES - 3, FRAMES);
        // VLC plays in real time; allow one frame of jitter at the end of the file.
        assertThat(Players.vlcVideoFrames(ours, 0)).isBetween(referenceFrames - 1, FRAMES);

        int afterSeek = Players.vlcVideoFrames(ours, SEEK_SECONDS);
        assertThat(afterSeek).isBetween(FRAMES / 2 - 4, FRAMES / 2 + 1);
    }
}
