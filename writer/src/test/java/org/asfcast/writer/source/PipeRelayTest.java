package org.asfcast.writer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.WrittenFiles;
import org.asfcast.asf.testing.Ffmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipeRelayTest {

    @TempDir
    Path dir;

    @Test
    void relaysEveryPacketAndEndsWhenTheInputEnds() throws Exception {
        Path file = dir.resolve("in.asf");
        WrittenFiles.writeMjpegPcm(file, 10, 10, 64, 48, 800);
        byte[] bytes = Files.readAllBytes(file);
        RecordingSink sink = new RecordingSink(false);
        PipeRelay relay = new PipeRelay(new ByteArrayInputStream(bytes), "a test");
        relay.run(List.of(sink));
        assertThat(sink.ended).isTrue();
        assertThat(sink.headers).hasSize(1);
        assertThat(relay.packetsSent()).isEqualTo(sink.count()).isPositive();
        assertThat(relay.describe()).contains("a test");
    }

    @Test
    void inputThatIsNotAsfIsAnError() {
        RecordingSink sink = new RecordingSink(false);
        PipeRelay relay = new PipeRelay(new ByteArrayInputStream("GET / HTTP/1.0\r\n\r\n".getBytes()), "stdin");
        assertThatThrownBy(() -> relay.run(List.of(sink))).isInstanceOf(AsfFormatException.class);
    }

    @Test
    void aTruncatedStreamStillEndsTheBroadcast() throws Exception {
        Path file = dir.resolve("in.asf");
        WrittenFiles.writeMjpegPcm(file, 10, 10, 64, 48, 800);
        byte[] bytes = Files.readAllBytes(file);
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 1234);
        RecordingSink sink = new RecordingSink(false);
        PipeRelay relay = new PipeRelay(new ByteArrayInputStream(cut), "stdin");
        try {
            relay.run(List.of(sink));
        } catch (AsfFormatException | java.io.EOFException e) {
            // a packet cut in half is reported; the sinks were still ended
        }
        assertThat(sink.ended).isTrue();
        assertThat(sink.count()).isPositive();
    }

    /** What FFmpeg writes into a pipe for {@code seconds} of the test picture and tone of {@code size}. */
    private Path encoderOutput(String name, String size, int seconds, boolean pipe) {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440", "-t", Integer.toString(seconds),
                "-c:v", "wmv2", "-g", "25", "-c:a", "wmav2", "-f", "asf"));
        if (pipe) {
            args.addAll(List.of("-seekable", "0")); // exactly the bytes of "-f asf -" (broadcast header, $E at the end)
        }
        return Ffmpeg.make(dir.resolve(name), args.toArray(String[]::new));
    }

    private static byte[] joined(Path... parts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Path p : parts) {
            out.write(Files.readAllBytes(p));
        }
        return out.toByteArray();
    }

    private static int packetsIn(Path file) throws Exception {
        int n = 0;
        try (AsfReader reader = AsfReader.of(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            while (reader.nextPacketBytes().isPresent()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void anEncoderRestartedWithTheSameSettingsContinuesSeamlessly() throws Exception {
        Path first = encoderOutput("a.asf", "320x240", 2, true);
        Path second = encoderOutput("b.asf", "320x240", 2, true);
        RecordingSink sink = new RecordingSink(false);
        new PipeRelay(new ByteArrayInputStream(joined(first, second)), "stdin").run(List.of(sink));

        assertThat(sink.headers).as("no new header: players play on").hasSize(1);
        assertThat(sink.count()).isEqualTo(packetsIn(first) + packetsIn(second));
        assertThat(sink.ended).isTrue();
        Continuity.assertContinuous(sink.packets);
    }

    @Test
    void anAudioOnlyEncoderRestartedContinuesPastItsEndChunk() throws Exception {
        // Without video FFmpeg writes no index: its $E chunk comes right before the next header.
        Path first = Ffmpeg.make(dir.resolve("a.wma"), "-f", "lavfi", "-i", "sine=frequency=440", "-t", "2",
                "-c:a", "wmav2", "-f", "asf", "-seekable", "0");
        Path second = Ffmpeg.make(dir.resolve("b.wma"), "-f", "lavfi", "-i", "sine=frequency=440", "-t", "2",
                "-c:a", "wmav2", "-f", "asf", "-seekable", "0");
        RecordingSink sink = new RecordingSink(false);
        new PipeRelay(new ByteArrayInputStream(joined(first, second)), "stdin").run(List.of(sink));

        assertThat(sink.headers).hasSize(1);
        assertThat(sink.count()).isEqualTo(packetsIn(first) + packetsIn(second));
        Continuity.assertContinuous(sink.packets);
    }

    @Test
    void aFinishedFileFollowedByALiveStreamOfTheSameSettingsContinues() throws Exception {
        // The first header gives a fixed data size and packet count; its index follows the packets.
        Path first = encoderOutput("a.asf", "320x240", 2, false);
        Path second = encoderOutput("b.asf", "320x240", 2, true);
        RecordingSink sink = new RecordingSink(false);
        new PipeRelay(new ByteArrayInputStream(joined(first, second)), "stdin").run(List.of(sink));

        assertThat(sink.headers).as("the same settings in their live form").hasSize(1);
        assertThat(sink.count()).isEqualTo(packetsIn(first) + packetsIn(second));
        Continuity.assertContinuous(sink.packets);
    }

    @Test
    void anEncoderRestartedWithOtherSettingsHandsTheSinksItsHeader() throws Exception {
        Path first = encoderOutput("a.asf", "320x240", 2, true);
        Path second = encoderOutput("b.asf", "160x120", 2, true);
        RecordingSink sink = new RecordingSink(false);
        new PipeRelay(new ByteArrayInputStream(joined(first, second)), "stdin").run(List.of(sink));

        assertThat(sink.headers).hasSize(2);
        assertThat(sink.headers.get(1)).isNotEqualTo(sink.headers.get(0));
        assertThat(sink.count()).isEqualTo(packetsIn(first) + packetsIn(second));
        assertThat(DataPacket.parse(sink.packets.get(packetsIn(first))).sendTime())
                .as("the new stream's own timeline, from its start").isLessThan(100);
    }

    @Test
    void aBrokenPacketIsReportedAtItsOffsetInTheInput() throws Exception {
        byte[] bytes = Files.readAllBytes(encoderOutput("a.asf", "320x240", 2, true));
        long dataStart;
        int packetSize;
        try (AsfReader reader = AsfReader.of(new ByteArrayInputStream(bytes))) {
            dataStart = reader.position();
            packetSize = reader.packetSize();
        }
        long broken = dataStart + 5L * packetSize;
        bytes[(int) broken] = (byte) 0xE0; // error correction flags with the reserved length type
        RecordingSink sink = new RecordingSink(false);
        PipeRelay relay = new PipeRelay(new ByteArrayInputStream(bytes), "stdin");
        assertThatThrownBy(() -> relay.run(List.of(sink))).isInstanceOfSatisfying(AsfFormatException.class,
                e -> assertThat(e.offset()).isEqualTo(broken));
        assertThat(sink.count()).isEqualTo(5);
    }
}
