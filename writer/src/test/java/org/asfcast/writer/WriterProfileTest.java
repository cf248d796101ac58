package org.asfcast.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.asfcast.asf.AsfHeader;
import org.asfcast.asf.ContentDescription;
import org.asfcast.asf.FileProperties;
import org.asfcast.asf.Guid;
import org.asfcast.asf.LiveProfile;
import org.asfcast.asf.StreamBitrateProperties.BitrateRecord;
import org.asfcast.asf.StreamProperties;
import org.asfcast.asf.VideoFormat;
import org.asfcast.asf.WaveFormat;
import org.junit.jupiter.api.Test;

class WriterProfileTest {

    private static final VideoFormat MJPEG = VideoFormat.of("MJPG", 320, 240, 24, new byte[0]);
    private static final WaveFormat PCM = WaveFormat.pcm16(22050, 1);

    @Test
    void defaultsArePacketsOf3200AndAPrerollOf3000() {
        WriterProfile profile = WriterProfile.builder().addAudioStream(PCM).build();
        assertThat(profile.packetSize()).isEqualTo(3200);
        assertThat(profile.preroll()).isEqualTo(3000);
        assertThat(profile.metadata()).isEmpty();
        assertThat(profile.streams()).singleElement().satisfies(s -> {
            assertThat(s.number()).isEqualTo(1);
            assertThat(s.bitrate()).isEqualTo(22050 * 16);
            assertThat(s.isAudio()).isTrue();
        });
    }

    @Test
    void theHeaderParsesBackAsALiveHeaderWithEveryStreamAndItsBitrate() throws Exception {
        WriterProfile profile = WriterProfile.builder().addVideoStream(MJPEG, 1_000_000, 25)
                .addAudioStream(PCM, 352_800).packetSize(1400).preroll(2000).build();
        Guid id = Guid.random();
        AsfHeader header = AsfHeader.parse(profile.header(id, Instant.parse("2024-01-01T00:00:00Z")).toBytes());

        FileProperties fp = header.fileProperties();
        assertThat(fp.fileId()).isEqualTo(id);
        assertThat(fp.isBroadcast()).isTrue();
        assertThat(fp.isSeekable()).isFalse();
        assertThat(fp.minPacketSize()).isEqualTo(1400);
        assertThat(fp.maxPacketSize()).isEqualTo(1400);
        assertThat(fp.preroll()).isEqualTo(2000);
        assertThat(fp.maxBitrate()).isGreaterThan(1_352_800); // the streams plus packet overhead
        assertThat(fp.creationDate()).isEqualTo(133_485_408_000_000_000L); // 2024-01-01 in FILETIME
        assertThat(header.extension()).isPresent();
        assertThat(header.streams()).extracting(StreamProperties::streamNumber).containsExactly(1, 2);
        assertThat(header.stream(1).orElseThrow().videoFormat()).contains(MJPEG);
        assertThat(header.stream(2).orElseThrow().audioFormat()).contains(PCM);
        assertThat(header.streamBitrates().orElseThrow().records()).extracting(BitrateRecord::streamNumber,
                BitrateRecord::averageBitrate).containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1_000_000L),
                org.assertj.core.groups.Tuple.tuple(2, 352_800L));
        assertThat(header.contentDescription()).isEmpty();
        // Already the live profile: making it live again changes nothing.
        assertThat(LiveProfile.header(header).toBytes()).isEqualTo(header.toBytes());
    }

    @Test
    void metadataBecomesAContentDescription() throws Exception {
        WriterProfile profile = WriterProfile.builder().addAudioStream(PCM).title("Title").author("Author")
                .copyright("(c) 2024").description("about").build();
        AsfHeader header = AsfHeader.parse(profile.header().toBytes());
        assertThat(header.contentDescription()).contains(new ContentDescription("Title", "Author", "(c) 2024",
                "about", ""));
    }

    @Test
    void eachHeaderHasItsOwnFileId() {
        WriterProfile profile = WriterProfile.builder().addAudioStream(PCM).build();
        assertThat(profile.header().fileProperties().fileId()).isNotEqualTo(profile.header().fileProperties().fileId());
    }

    @Test
    void streamsAreNumberedInOrderUpTo63() {
        WriterProfile.Builder builder = WriterProfile.builder();
        for (int i = 0; i < 63; i++) {
            builder.addAudioStream(PCM);
        }
        assertThat(builder.build().streams()).extracting(WriterProfile.ProfileStream::number)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 63).boxed().toList());
        assertError(() -> builder.addAudioStream(PCM), SdkError.E_INVALIDARG);
    }

    @Test
    void badSettingsAreInvalidArguments() {
        assertError(() -> WriterProfile.builder().build(), SdkError.E_INVALIDARG);
        assertError(() -> WriterProfile.builder().packetSize(99), SdkError.E_INVALIDARG);
        assertError(() -> WriterProfile.builder().packetSize(65537), SdkError.E_INVALIDARG);
        assertError(() -> WriterProfile.builder().preroll(-1), SdkError.E_INVALIDARG);
        assertError(() -> WriterProfile.builder().addVideoStream(MJPEG, 0, 25), SdkError.E_INVALIDARG);
        assertError(() -> WriterProfile.builder().addVideoStream(MJPEG, 1000, -1), SdkError.E_INVALIDARG);
        assertError(() -> WriterProfile.builder().addVideoStream(null, 1000, 25), SdkError.E_POINTER);
        assertError(() -> WriterProfile.builder().title(null), SdkError.E_POINTER);
        assertThat(WriterProfile.builder().packetSize(100).packetSize(65536)).isNotNull();
    }

    @Test
    void theTotalBitrateIsTheSumOfTheStreams() {
        WriterProfile profile = WriterProfile.builder().addVideoStream(MJPEG, 1000, 25).addAudioStream(PCM, 500).build();
        assertThat(profile.totalBitrate()).isEqualTo(1500);
        assertThat(profile.stream(2)).map(WriterProfile.ProfileStream::bitrate).contains(500L);
        assertThat(profile.stream(3)).isEmpty();
        assertThat(List.of(profile.stream(0))).containsExactly(java.util.Optional.empty());
    }

    static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, SdkError error) {
        assertThatThrownBy(call).isInstanceOf(SdkException.class)
                .satisfies(e -> assertThat(((SdkException) e).error()).isEqualTo(error));
    }
}
