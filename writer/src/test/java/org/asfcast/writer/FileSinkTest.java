package org.asfcast.writer;

import static org.asfcast.writer.Profiles.ms;
import static org.asfcast.writer.Profiles.sample;
import static org.asfcast.writer.WriterProfileTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.asfcast.asf.AsfReader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.FileProperties;
import org.asfcast.asf.LiveProfile;
import org.asfcast.asf.MediaObject;
import org.asfcast.asf.MediaObjectAssembler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file sink leaves a finished, seekable file, and follows the SDK's rules for headers. */
class FileSinkTest {

    @TempDir
    Path dir;

    /** Writes {@code seconds} of 25 fps video (a key frame each second) and audio through a writer. */
    private List<MediaObject> write(FileSink sink, int seconds) throws Exception {
        Writer writer = new Writer();
        writer.setProfile(Profiles.videoAndAudio());
        writer.addSink(sink);
        writer.beginWriting();
        List<MediaObject> written = new ArrayList<>();
        for (int i = 0; i < seconds * 25; i++) {
            byte[] frame = sample(1200 + i % 7, i);
            writer.writeSample(1, ms(i * 40L), i % 25 == 0 ? Writer.CLEANPOINT : 0, frame);
            written.add(new MediaObject(1, i * 40L + 1000, i % 25 == 0, frame));
            byte[] audio = sample(320, 1000 + i);
            writer.writeSample(2, ms(i * 40L), 0, audio);
            written.add(new MediaObject(2, i * 40L + 1000, true, audio));
        }
        writer.endWriting();
        return written;
    }

    private static List<MediaObject> read(AsfReader reader) throws Exception {
        List<MediaObject> objects = new ArrayList<>();
        MediaObjectAssembler assembler = new MediaObjectAssembler(objects::add);
        Optional<DataPacket> packet;
        while ((packet = reader.nextPacket()).isPresent()) {
            assembler.accept(packet.get());
        }
        return objects;
    }

    @Test
    void theFileIsFinishedSeekableAndHoldsEverySample() throws Exception {
        Path path = dir.resolve("out.asf");
        FileSink sink = new FileSink(path);
        assertThat(sink.isRealTime()).isFalse();
        List<MediaObject> written = write(sink, 3);

        assertThat(sink.isFinished()).isTrue();
        try (AsfReader reader = AsfReader.open(path)) {
            FileProperties fp = reader.header().fileProperties();
            assertThat(fp.isBroadcast()).isFalse();
            assertThat(fp.isSeekable()).isTrue();
            assertThat(fp.dataPacketsCount()).isEqualTo(sink.dataUnits()).isPositive();
            assertThat(fp.fileSize()).isEqualTo(Files.size(path));
            assertThat(fp.playDuration() / 10_000 - fp.preroll()).isBetween(2960L, 3040L);
            assertThat(reader.packetCount()).contains(sink.dataUnits());
            assertThat(reader.simpleIndexes()).hasSize(1);
            assertThat(reader.header().contentDescription()).isEmpty();
            assertThat(read(reader)).containsExactlyElementsOf(written);
        }
        try (AsfReader reader = AsfReader.open(path)) {
            reader.seek(2000);
            // The packet the index points to starts with the key frame at 2 s (and may hold earlier audio).
            assertThat(read(reader).stream().filter(o -> o.streamNumber() == 1).findFirst())
                    .contains(written.get(2 * 50));
        }
    }

    @Test
    void aSecondSessionWritesTheFileAgain() throws Exception {
        Path path = dir.resolve("again.asf");
        FileSink sink = new FileSink(path);
        write(sink, 2);
        List<MediaObject> second = write(sink, 1);
        try (AsfReader reader = AsfReader.open(path)) {
            assertThat(read(reader)).containsExactlyElementsOf(second);
        }
        sink.open(dir.resolve("other.asf")); // allowed between sessions
        assertThat(sink.path()).contains(dir.resolve("other.asf"));
    }

    @Test
    void openFollowsTheSdk() throws Exception {
        FileSink sink = new FileSink();
        assertError(() -> sink.open(null), SdkError.E_POINTER);
        assertThat(sink.path()).isEmpty();
        assertError(() -> sink.onHeader(ByteBuffer.wrap(header())), SdkError.ASF_E_INVALIDSTATE);
        sink.open(dir.resolve("a.asf"));
        sink.onHeader(ByteBuffer.wrap(header()));
        assertError(() -> sink.open(dir.resolve("b.asf")), SdkError.ASF_E_INVALIDSTATE);
        sink.onEndWriting();
        assertThat(sink.isFinished()).isTrue();
    }

    @Test
    void aDataUnitBeforeTheHeaderIsAnInvalidState() {
        FileSink sink = new FileSink(dir.resolve("x.asf"));
        assertError(() -> sink.onDataUnit(ByteBuffer.allocate(1000)), SdkError.ASF_E_INVALIDSTATE);
        sink.toString(); // names the file
    }

    @Test
    void theSameHeaderAgainIsIgnoredAndANewOneBeforeDataStartsOver() throws Exception {
        Path path = dir.resolve("h.asf");
        FileSink sink = new FileSink(path);
        byte[] first = header();
        sink.onHeader(ByteBuffer.wrap(first));
        sink.onHeader(ByteBuffer.wrap(first));
        byte[] second = header(); // another file ID
        sink.onHeader(ByteBuffer.wrap(second));
        sink.onEndWriting();
        try (AsfReader reader = AsfReader.open(path)) {
            assertThat(reader.header().fileProperties().fileId())
                    .isEqualTo(org.asfcast.asf.AsfHeader.parse(second).fileProperties().fileId());
        }
    }

    @Test
    void aChangedHeaderAfterDataIsIgnoredUnlessThePacketSizeChanges() throws Exception {
        RecordingSink recorder = new RecordingSink(false);
        Writer writer = new Writer();
        writer.setProfile(Profiles.videoAndAudio());
        writer.addSink(recorder);
        writer.beginWriting();
        writer.writeSample(1, 0, Writer.CLEANPOINT, sample(2500, 1));
        writer.endWriting();

        FileSink sink = new FileSink(dir.resolve("c.asf"));
        sink.onHeader(ByteBuffer.wrap(recorder.of("header").get(0).bytes()));
        for (RecordingSink.Call unit : recorder.of("data")) {
            sink.onDataUnit(ByteBuffer.wrap(unit.bytes()));
            sink.onHeader(ByteBuffer.wrap(header())); // same 1000-byte packets: ignored
        }
        byte[] bigger = LiveProfile.streamStart(WriterProfile.builder()
                .addAudioStream(org.asfcast.asf.WaveFormat.pcm16(8000, 1)).packetSize(2000).build().header());
        // Another packet size cannot go on in this file: the failure finishes it, naming it.
        assertThatThrownBy(() -> sink.onHeader(ByteBuffer.wrap(bigger))).isInstanceOf(IOException.class)
                .hasMessageContaining("2000-byte packets").hasMessageContaining(dir.resolve("c.asf").toString());
        assertThat(sink.isFinished()).isTrue();
        sink.onEndWriting();
        try (AsfReader reader = AsfReader.open(dir.resolve("c.asf"))) {
            assertThat(read(reader)).singleElement().satisfies(o -> assertThat(o.size()).isEqualTo(2500));
        }
    }

    /**
     * A writer sets a failed sink aside and calls it no more, so the sink finishes its file itself
     * when it fails: what came before the failure stays a finished, seekable file.
     */
    @Test
    void aFailedDataUnitFinishesTheFileWithThePacketsBeforeIt() throws Exception {
        RecordingSink recorder = new RecordingSink(false);
        Writer writer = new Writer();
        writer.setProfile(Profiles.videoAndAudio());
        writer.addSink(recorder);
        writer.beginWriting();
        for (int i = 0; i < 50; i++) {
            writer.writeSample(1, ms(i * 40L), i % 25 == 0 ? Writer.CLEANPOINT : 0, sample(1500, i));
        }
        writer.endWriting();
        List<RecordingSink.Call> data = recorder.of("data");

        Path file = dir.resolve("f.asf");
        FileSink sink = new FileSink(file);
        sink.onHeader(ByteBuffer.wrap(recorder.of("header").get(0).bytes()));
        for (RecordingSink.Call unit : data.subList(0, 20)) {
            sink.onDataUnit(ByteBuffer.wrap(unit.bytes()));
        }
        assertThatThrownBy(() -> sink.onDataUnit(ByteBuffer.allocate(999))).isInstanceOf(IOException.class)
                .hasMessageStartingWith("recording " + file + " stopped: ")
                .hasMessageContaining("finished with its 20 packets");
        assertThat(sink.isFinished()).isTrue();
        assertThat(sink.failure()).isPresent();
        // Later calls get the same failure and leave the finished file alone.
        assertThatThrownBy(() -> sink.onDataUnit(ByteBuffer.wrap(data.get(20).bytes())))
                .isSameAs(sink.failure().orElseThrow());
        sink.onEndWriting();
        try (AsfReader reader = AsfReader.open(file)) {
            FileProperties fp = reader.header().fileProperties();
            assertThat(fp.flags() & FileProperties.BROADCAST).isZero();
            assertThat(fp.flags() & FileProperties.SEEKABLE).isNotZero();
            assertThat(reader.packetCount()).contains(20L);
            assertThat(reader.simpleIndexes()).hasSize(1);
        }
    }

    @Test
    void aPacketOfTheWrongSizeFails() throws Exception {
        FileSink sink = new FileSink(dir.resolve("w.asf"));
        sink.onHeader(ByteBuffer.wrap(header()));
        assertThatThrownBy(() -> sink.onDataUnit(ByteBuffer.allocate(999))).isInstanceOf(IOException.class);
        sink.onEndWriting();
    }

    private static byte[] header() {
        return LiveProfile.streamStart(Profiles.videoAndAudio().header());
    }
}
