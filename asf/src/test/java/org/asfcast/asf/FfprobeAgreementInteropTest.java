package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.asfcast.asf.testing.Ffmpeg;
import org.asfcast.asf.testing.ProbedPacket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FFmpeg-made files of every Windows Media codec pairing and several packet sizes: the media
 * objects asfcast reassembles are exactly the packets {@code ffprobe -show_packets} lists, per
 * stream, with the same size and time. No mapping is needed: FFmpeg's ASF demuxer returns one
 * packet per media object, and its time is the presentation time minus the preroll.
 */
@Tag("interop")
class FfprobeAgreementInteropTest {

    @TempDir
    Path dir;

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("wmv1", "wmav1", 3200),
                Arguments.of("wmv2", "wmav2", 3200),
                Arguments.of("msmpeg4", "wmav2", 3200),
                Arguments.of("wmv2", "wmav1", 1000),
                Arguments.of("msmpeg4", "wmav1", 8000),
                Arguments.of("wmv1", "wmav2", 1500),
                Arguments.of("", "wmav2", 3200),
                Arguments.of("wmv2", "", 3200),
                Arguments.of("", "wmav1", 700));
    }

    @ParameterizedTest(name = "video {0}, audio {1}, packets of {2} bytes")
    @MethodSource("files")
    void reassembledObjectsMatchFfprobe(String video, String audio, int packetSize) throws Exception {
        Path file = make(video, audio, packetSize);

        Map<Integer, List<ProbedPacket>> ours = new TreeMap<>();
        long preroll;
        Map<Integer, Integer> streamIndexes = new TreeMap<>();
        try (AsfReader reader = AsfReader.open(file)) {
            AsfHeader header = reader.header();
            assertThat(reader.packetSize()).isEqualTo(packetSize);
            assertThat(header.contentDescription()).hasValueSatisfying(cd -> {
                assertThat(cd.title()).isEqualTo("Interop " + video + audio);
                assertThat(cd.author()).isEqualTo("asfcast tests");
            });
            assertThat(header.streams()).hasSize(video.isEmpty() || audio.isEmpty() ? 1 : 2);
            preroll = header.preroll();
            for (StreamProperties stream : header.streams()) {
                streamIndexes.put(stream.streamNumber(), streamIndexes.size());
            }
            List<MediaObject> objects = new ArrayList<>();
            MediaObjectAssembler assembler = new MediaObjectAssembler(objects::add);
            for (DataPacket packet; (packet = reader.nextPacket().orElse(null)) != null; ) {
                assembler.accept(packet);
            }
            assertThat(assembler.droppedObjects()).isZero();
            assertThat(assembler.pendingObjects()).isZero();
            for (MediaObject o : objects) {
                int index = streamIndexes.get(o.streamNumber());
                ours.computeIfAbsent(index, k -> new ArrayList<>())
                        .add(new ProbedPacket(index, o.presentationTime() - preroll, o.size()));
            }
        }

        Map<Integer, List<ProbedPacket>> theirs = new TreeMap<>();
        for (ProbedPacket p : ProbedPacket.of(file)) {
            theirs.computeIfAbsent(p.streamIndex(), k -> new ArrayList<>()).add(p);
        }
        assertThat(theirs).isNotEmpty();
        assertThat(ours.keySet()).isEqualTo(theirs.keySet());
        for (int stream : theirs.keySet()) {
            assertThat(ours.get(stream)).as("stream index %d", stream).hasSizeGreaterThan(10)
                    .containsExactlyElementsOf(theirs.get(stream));
        }
    }

    private Path make(String video, String audio, int packetSize) throws IOException {
        List<String> args = new ArrayList<>();
        if (!video.isEmpty()) {
            args.addAll(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25"));
        }
        if (!audio.isEmpty()) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"));
        }
        args.addAll(List.of("-t", "3"));
        if (!video.isEmpty()) {
            // A big bitrate and a short GOP, so key frames span several packets.
            args.addAll(List.of("-c:v", video, "-b:v", "600k", "-g", "25"));
        }
        if (!audio.isEmpty()) {
            args.addAll(List.of("-c:a", audio, "-b:a", "64k"));
        }
        args.addAll(List.of("-metadata", "title=Interop " + video + audio, "-metadata", "author=asfcast tests",
                "-packet_size", Integer.toString(packetSize), "-f", "asf"));
        return Ffmpeg.make(dir.resolve("in.asf"), args.toArray(String[]::new));
    }
}
