package org.asfcast.writer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.asfcast.asf.AsfFormatException;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.FileProperties;
import org.asfcast.asf.Payload;
import org.asfcast.asf.WrittenFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReplayTest {

    @TempDir
    static Path dir;
    static Path media;

    @BeforeAll
    static void media() throws Exception {
        media = dir.resolve("two-seconds.asf");
        WrittenFiles.writeMjpegPcm(media, 20, 10, 64, 48, 800); // 2 s, 10 fps
    }

    @Test
    void passesPacketsThroughUnchangedAndMakesTheHeaderLive() throws Exception {
        RecordingSink sink = new RecordingSink(false);
        FileReplay replay = new FileReplay(media, false);
        replay.run(List.of(sink));
        assertThat(sink.ended).isTrue();
        assertThat(sink.headers).hasSize(1);
        AsfHeader live = AsfHeader.parse(java.util.Arrays.copyOf(sink.headers.get(0), sink.headers.get(0).length - 50));
        assertThat(live.fileProperties().flags() & FileProperties.BROADCAST).isNotZero();
        List<byte[]> original = new ArrayList<>();
        try (org.asfcast.asf.AsfReader reader = org.asfcast.asf.AsfReader.open(media)) {
            for (var p = reader.nextPacketBytes(); p.isPresent(); p = reader.nextPacketBytes()) {
                original.add(p.get());
            }
        }
        assertThat(sink.packets).hasSameSizeAs(original);
        for (int i = 0; i < original.size(); i++) {
            assertThat(sink.packets.get(i)).isEqualTo(original.get(i));
        }
    }

    @Test
    void pacesByWallClockForARealTimeSink() throws Exception {
        RecordingSink sink = new RecordingSink(true);
        long start = System.nanoTime();
        new FileReplay(media, false).run(List.of(sink, new RecordingSink(false)));
        long first = sink.arrivals.get(0);
        long firstSend = DataPacket.parse(sink.packets.get(0)).sendTime();
        for (int i = 0; i < sink.packets.size(); i++) {
            long due = (DataPacket.parse(sink.packets.get(i)).sendTime() - firstSend) * 1_000_000L;
            long actual = sink.arrivals.get(i) - first;
            assertThat(actual).as("packet %d", i).isBetween(due - 2_000_000L, due + 100_000_000L);
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThan(1000);
    }

    @Test
    void loopsWithContinuousTimestampsAndObjectNumbers() throws Exception {
        RecordingSink sink = new RecordingSink(false);
        FileReplay replay = new FileReplay(media, true);
        Thread runner = new Thread(() -> {
            try {
                replay.run(List.of(sink));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        runner.start();
        // passes() counts passes started: at 4, three are complete whatever the timing of stop().
        while (replay.passes() < 4) {
            Thread.sleep(5);
        }
        replay.stop();
        runner.join(5000);
        assertThat(sink.ended).isTrue();
        long lastSend = -1;
        Map<Integer, Long> lastTime = new HashMap<>();
        Map<Integer, Long> lastObject = new HashMap<>();
        for (byte[] packet : sink.packets) {
            DataPacket p = DataPacket.parse(packet);
            assertThat(p.sendTime()).isGreaterThanOrEqualTo(lastSend);
            lastSend = p.sendTime();
            for (Payload payload : p.payloads()) {
                if (payload.offset() != 0) {
                    continue;
                }
                int s = payload.streamNumber();
                if (lastTime.containsKey(s)) {
                    assertThat(payload.presentationTime()).as("stream %d", s).isGreaterThan(lastTime.get(s));
                    assertThat(payload.mediaObjectNumber()).isEqualTo((lastObject.get(s) + 1) & 0xFF);
                }
                lastTime.put(s, payload.presentationTime());
                lastObject.put(s, payload.mediaObjectNumber());
            }
        }
        // Three full passes of 2 s: the third pass's packets are sent after 4 s (the second's end at
        // 3.9 s, which a stop right after the third pass started gave when this waited for 3).
        assertThat(lastSend).isGreaterThan(4000);
    }

    @Test
    void badFilesAreRefusedBeforeTheBroadcast() throws Exception {
        assertThatThrownBy(() -> new FileReplay(dir.resolve("missing.wmv"), false)).isInstanceOf(NoSuchFileException.class);
        Path text = Files.writeString(dir.resolve("notes.wmv"), "this is not ASF at all, just some words");
        assertThatThrownBy(() -> new FileReplay(text, false)).isInstanceOf(AsfFormatException.class)
                .hasMessageContaining("at byte 0");
    }
}
