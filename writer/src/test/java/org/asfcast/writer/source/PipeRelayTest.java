package org.asfcast.writer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.WrittenFiles;
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
}
