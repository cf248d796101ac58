package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.Players;
import org.asfcast.asf.testing.Players.DecodedFrame;
import org.asfcast.asf.testing.ProbedPacket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An FFmpeg-made WMV, read, reassembled, re-packetized and written by asfcast, decodes in FFmpeg
 * to the same frames (framemd5) as the original, and seeks to the same frames.
 */
@Tag("interop")
class RemuxInteropTest {

    @TempDir
    Path dir;

    @Test
    void remuxedFileDecodesToTheSameFrames() throws Exception {
        Path original = Ffmpeg.make(dir.resolve("original.wmv"),
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=44100", "-t", "10",
                "-c:v", "wmv2", "-b:v", "500k", "-g", "50", "-c:a", "wmav2", "-b:a", "64k", "-f", "asf");
        Path remuxed = dir.resolve("remuxed.wmv");

        Remuxer.Result result = Remuxer.remux(original, remuxed);
        assertThat(result.droppedObjects()).isZero();

        List<DecodedFrame> before = Players.ffmpegFrames(original, 0);
        List<DecodedFrame> after = Players.ffmpegFrames(remuxed, 0);
        assertThat(Players.stream(before, 0)).hasSize(250);
        assertThat(after).containsExactlyElementsOf(before);
        assertThat(ProbedPacket.of(remuxed)).hasSameSizeAs(ProbedPacket.of(original));

        for (double seconds : new double[] {1, 3.5, 7.9}) {
            List<DecodedFrame> seekBefore = Players.ffmpegFrames(original, seconds);
            List<DecodedFrame> seekAfter = Players.ffmpegFrames(remuxed, seconds);
            assertThat(Players.stream(seekAfter, 0).get(0)).as("first frame after seeking to %s s", seconds)
                    .isEqualTo(Players.stream(seekBefore, 0).get(0));
        }
    }
}
