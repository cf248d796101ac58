package org.asfcast.writer;

import static org.asfcast.writer.Profiles.ms;
import static org.asfcast.writer.Profiles.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.DataObjectHeader;
import org.asfcast.asf.DataPacket;
import org.asfcast.asf.MediaObject;
import org.asfcast.asf.Payload;
import org.junit.jupiter.api.Test;

/** What sinks receive: header first, whole packets each in its own buffer, end last. */
class WriterDeliveryTest {

    private final Writer writer = new Writer();

    /** One second of 25 fps video (every 5th frame a key frame) and 40 ms audio blocks, in time order. */
    private List<MediaObject> writeOneSecond() throws Exception {
        List<MediaObject> written = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long t = i * 40L;
            byte[] frame = sample(700 + 37 * i, i);
            writer.writeSample(1, ms(t), i % 5 == 0 ? Writer.CLEANPOINT : 0, frame);
            written.add(new MediaObject(1, t + 1000, i % 5 == 0, frame));
            byte[] audio = sample(640, 100 + i);
            writer.writeSample(2, ms(t), 0, audio);
            written.add(new MediaObject(2, t + 1000, true, audio));
        }
        return written;
    }

    @Test
    void everySinkGetsTheHeaderThenEveryPacketThenTheEnd() throws Exception {
        RecordingSink a = new RecordingSink(false);
        RecordingSink b = new RecordingSink(false);
        writer.setProfile(Profiles.videoAndAudio());
        writer.addSink(a);
        writer.addSink(b);
        writer.beginWriting();
        List<MediaObject> written = writeOneSecond();
        writer.endWriting();

        for (RecordingSink sink : List.of(a, b)) {
            List<String> kinds = sink.kinds();
            assertThat(kinds.get(0)).isEqualTo("header");
            assertThat(kinds.get(kinds.size() - 1)).isEqualTo("end");
            assertThat(kinds.subList(1, kinds.size() - 1)).containsOnly("data").hasSizeGreaterThan(10);
            // The header is the Header Object and the 50-byte live Data Object header.
            byte[] start = sink.of("header").get(0).bytes();
            AsfHeader header = sink.header();
            int headerLength = header.toBytes().length;
            assertThat(start).hasSize(headerLength + DataObjectHeader.SIZE);
            DataObjectHeader data = DataObjectHeader.parse(start, headerLength, headerLength);
            assertThat(data.objectSize()).isEqualTo(50);
            assertThat(data.fileId()).isEqualTo(header.fileProperties().fileId());
            assertThat(sink.of("data")).allSatisfy(c -> assertThat(c.bytes()).hasSize(1000));
            assertThat(sink.objects()).containsExactlyElementsOf(written);
        }
        // The same packets, each sink with its own buffer.
        for (int i = 0; i < a.of("data").size(); i++) {
            assertThat(a.of("data").get(i).bytes()).isEqualTo(b.of("data").get(i).bytes());
            assertThat(a.of("data").get(i).buffer()).isNotSameAs(b.of("data").get(i).buffer());
            assertThat(a.of("data").get(i).buffer().array()).isNotSameAs(b.of("data").get(i).buffer().array());
        }
    }

    @Test
    void audioStaysWholeAndSendTimesFollowThePresentationTimes() throws Exception {
        RecordingSink sink = new RecordingSink(false);
        writer.setProfile(Profiles.videoAndAudio());
        writer.addSink(sink);
        writer.beginWriting();
        writeOneSecond();
        writer.endWriting();
        long previous = 0;
        for (DataPacket packet : sink.packets()) {
            assertThat(packet.sendTime()).isGreaterThanOrEqualTo(previous);
            previous = packet.sendTime();
            for (Payload p : packet.payloads()) {
                assertThat(p.presentationTime() - 1000).isGreaterThanOrEqualTo(packet.sendTime());
                if (p.streamNumber() == 2) {
                    assertThat(p.offset()).isZero();
                    assertThat((long) p.dataLength()).isEqualTo(p.objectSize());
                }
            }
        }
    }

    @Test
    void eachSessionHasItsOwnFileId() throws Exception {
        RecordingSink sink = new RecordingSink(false);
        writer.setProfile(Profiles.videoAndAudio());
        writer.addSink(sink);
        writer.beginWriting();
        writer.endWriting();
        writer.beginWriting();
        writer.writeSample(1, 0, Writer.CLEANPOINT, sample(10, 1));
        writer.endWriting();
        assertThat(sink.kinds()).containsExactly("header", "end", "header", "data", "end");
        assertThat(AsfHeader.parse(sink.of("header").get(0).bytes()).fileProperties().fileId())
                .isNotEqualTo(AsfHeader.parse(sink.of("header").get(1).bytes()).fileProperties().fileId());
    }

    @Test
    void removeSinkNullRemovesEverySinkAndAnUnknownSinkIsNotRemoved() {
        RecordingSink a = new RecordingSink(false);
        RecordingSink b = new RecordingSink(true);
        writer.addSink(a);
        writer.addSink(b);
        assertThat(writer.removeSink(new RecordingSink(false))).isFalse();
        assertThat(writer.sinks()).containsExactly(a, b);
        assertThat(writer.removeSink(null)).isTrue();
        assertThat(writer.sinks()).isEmpty();
        assertThat(a.calls).isEmpty(); // not writing: nothing to end
    }

    @Test
    void aSinkAddedWhileWritingGetsTheHeaderFirstAndARemovedOneIsEnded() throws Exception {
        RecordingSink first = new RecordingSink(false);
        RecordingSink late = new RecordingSink(false);
        writer.setProfile(Profiles.videoAndAudio());
        writer.addSink(first);
        writer.beginWriting();
        writeOneSecond();
        writer.addSink(late);
        assertThat(late.kinds()).containsExactly("header");
        assertThat(late.of("header").get(0).bytes()).isEqualTo(first.of("header").get(0).bytes());
        for (int i = 25; i < 50; i++) {
            writer.writeSample(1, ms(i * 40L), Writer.CLEANPOINT, sample(900, i));
        }
        assertThat(late.of("data")).isNotEmpty();
        writer.removeSink(first);
        int firstCalls = first.calls.size();
        assertThat(first.kinds().get(firstCalls - 1)).isEqualTo("end");
        writer.writeSample(1, ms(2000), Writer.CLEANPOINT, sample(2900, 1));
        writer.endWriting();
        assertThat(first.calls).hasSize(firstCalls);
        assertThat(late.kinds().get(late.calls.size() - 1)).isEqualTo("end");
        assertThat(late.of("end")).hasSize(1);
    }

    @Test
    void removeSinkNullWhileWritingEndsEverySink() throws Exception {
        RecordingSink a = new RecordingSink(false);
        RecordingSink b = new RecordingSink(false);
        writer.setProfile(Profiles.videoAndAudio());
        writer.addSink(a);
        writer.addSink(b);
        writer.beginWriting();
        writer.removeSink(null);
        writer.writeSample(1, 0, Writer.CLEANPOINT, sample(3000, 1));
        writer.endWriting();
        assertThat(a.kinds()).containsExactly("header", "end");
        assertThat(b.kinds()).containsExactly("header", "end");
    }

    @Test
    void aFailingSinkDoesNotStarveTheOthers() throws Exception {
        RecordingSink good = new RecordingSink(false);
        FailingSink broken = new FailingSink("disk full");
        broken.failing = true;
        List<String> told = new java.util.ArrayList<>();
        writer.setSinkFailureListener((sink, failure) -> told.add(sink + ": " + failure.getMessage()));
        writer.setProfile(Profiles.videoAndAudio());
        writer.addSink(broken);
        writer.addSink(good);
        writer.beginWriting();
        // The broken sink is set aside and told of once; the others go on, and so does the writer.
        for (int i = 0; i < 50; i++) {
            writer.writeSample(1, ms(i * 40L), i % 25 == 0 ? Writer.CLEANPOINT : 0, sample(3000, i));
        }
        writer.endWriting();
        assertThat(told).containsExactly(broken + ": disk full");
        assertThat(broken.calls).containsExactly("header", "data");
        assertThat(good.of("data")).hasSizeGreaterThan(40);
        assertThat(good.of("end")).hasSize(1);
        assertThat(writer.isWriting()).isFalse();
        // A new session gives it another chance.
        writer.beginWriting();
        writer.writeSample(1, 0, Writer.CLEANPOINT, sample(3000, 1));
        writer.endWriting();
        assertThat(told).hasSize(2);
    }

    @Test
    void onlyWhenEverySinkHasFailedDoesTheWriterFail() throws Exception {
        FailingSink a = new FailingSink("disk full");
        FailingSink b = new FailingSink("disk full");
        writer.setProfile(Profiles.videoAndAudio());
        writer.addSink(a);
        writer.addSink(b);
        writer.beginWriting();
        a.failing = true;
        writer.writeSample(1, 0, Writer.CLEANPOINT, sample(3000, 1));
        b.failing = true;
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> writer.writeSample(1, ms(40), 0, sample(3000, 2))).hasMessage("disk full");
        org.assertj.core.api.Assertions.assertThatThrownBy(writer::endWriting).hasMessage("disk full");
        assertThat(writer.isWriting()).isFalse();
    }
}
