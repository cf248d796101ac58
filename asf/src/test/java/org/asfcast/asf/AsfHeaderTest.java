package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AsfHeaderTest {

    static AsfHeader richHeader() {
        StreamProperties video = StreamProperties.video(1, VideoFormat.of("MJPG", 320, 240, 24, new byte[0]));
        StreamProperties audio = StreamProperties.audio(2, WaveFormat.pcm16(22050, 1));
        StreamProperties embedded = new StreamProperties(AsfGuids.BINARY_MEDIA, AsfGuids.NO_ERROR_CORRECTION, 0, 3,
                0, new byte[] {1, 2, 3, 4}, new byte[0]);
        ExtendedStreamProperties esp = new ExtendedStreamProperties(0, 0, 500_000, 3000, 3000, 0, 0, 0, 9000, 2, 3, 0,
                400_000, List.of(new ExtendedStreamProperties.StreamName(0, "data")),
                List.of(new ExtendedStreamProperties.PayloadExtensionSystem(Guid.parse("11111111-2222-3333-4444-555555555555"), 2, new byte[] {7})),
                Optional.of(embedded));
        HeaderExtension extension = new HeaderExtension(AsfGuids.RESERVED_1, 6,
                List.of(esp, new UnknownObject(AsfGuids.LANGUAGE_LIST, new byte[] {0, 0})));
        FileProperties fp = new FileProperties(Guid.parse("01234567-89AB-CDEF-0123-456789ABCDEF"), 12345, 0, 3, 100, 50, 3000, FileProperties.SEEKABLE,
                3200, 3200, 0);
        return AsfHeader.of(List.of(fp, extension,
                new ContentDescription("Title ✓", "Author", "", "A description", ""),
                new ExtendedContentDescription(List.of(ExtendedContentDescription.Descriptor.text("WM/AlbumTitle", "x"),
                        new ExtendedContentDescription.Descriptor("WM/TrackNumber", ExtendedContentDescription.DWORD,
                                new byte[] {5, 0, 0, 0}))),
                video, audio,
                new CodecList(AsfGuids.RESERVED_2, List.of(new CodecList.Entry(CodecList.VIDEO, "MJPEG", "", new byte[] {
                    'M', 'J', 'P', 'G'}))),
                new StreamBitrateProperties(List.of(new StreamBitrateProperties.BitrateRecord(1, 800_000),
                        new StreamBitrateProperties.BitrateRecord(2, 352_800))),
                new UnknownObject(AsfGuids.PADDING, new byte[10])));
    }

    @Test
    void modelRoundTripsThroughBytes() throws Exception {
        AsfHeader header = richHeader();
        byte[] bytes = header.toBytes();
        AsfHeader parsed = AsfHeader.parse(bytes);
        assertThat(parsed).isEqualTo(header);
        assertThat(parsed.toBytes()).isEqualTo(bytes);
        assertThat(parsed.streams()).extracting(StreamProperties::streamNumber).containsExactly(1, 2, 3);
        assertThat(parsed.stream(2).flatMap(StreamProperties::audioFormat)).contains(WaveFormat.pcm16(22050, 1));
        assertThat(parsed.stream(1).flatMap(StreamProperties::videoFormat).map(VideoFormat::fourCCText))
                .contains("MJPG");
        assertThat(parsed.extendedContentDescription().flatMap(e -> e.find("WM/TrackNumber"))
                .flatMap(ExtendedContentDescription.Descriptor::asNumber)).contains(5L);
    }

    @Test
    void ffmpegHeaderRoundTripsByteForByte() throws Exception {
        byte[] file = Files.readAllBytes(FixtureSmokeTest.fixture());
        AsfHeader header = AsfHeader.parse(file);
        byte[] original = java.util.Arrays.copyOf(file, (int) LittleEndian.u64(file, 16));
        assertThat(header.toBytes()).isEqualTo(original);
        assertThat(header.objects()).hasAtLeastOneElementOfType(CodecList.class)
                .hasAtLeastOneElementOfType(ContentDescription.class);
    }

    @Test
    void nonCanonicalObjectIsKeptRaw() throws Exception {
        // A Content Description whose title lacks the terminating NUL: kept byte for byte.
        byte[] body = new byte[10 + 4];
        body[0] = 4;
        body[10] = 'h';
        body[12] = 'i';
        AsfHeader header = richHeader();
        List<HeaderObject> objects = new java.util.ArrayList<>(header.objects());
        objects.set(2, new UnknownObject(AsfGuids.CONTENT_DESCRIPTION, body));
        byte[] bytes = AsfHeader.of(objects).toBytes();
        AsfHeader parsed = AsfHeader.parse(bytes);
        assertThat(parsed.toBytes()).isEqualTo(bytes);
        assertThat(parsed.objects().get(2)).isInstanceOf(UnknownObject.class);
    }

    @Test
    void liveHeaderFollowsTheLiveProfile() throws Exception {
        AsfHeader live = LiveProfile.header(richHeader());
        FileProperties fp = live.fileProperties();
        assertThat(fp.isBroadcast()).isTrue();
        assertThat(fp.isSeekable()).isFalse();
        assertThat(fp.fileSize()).isZero();
        assertThat(fp.dataPacketsCount()).as("xine stops after this many packets").isEqualTo(0xFFFFFFFFL);
        assertThat(fp.playDuration()).isZero();
        assertThat(fp.sendDuration()).isZero();
        assertThat(fp.minPacketSize()).isEqualTo(fp.maxPacketSize()).isEqualTo(3200);
        assertThat(fp.maxBitrate()).isGreaterThan(800_000 + 352_800);

        byte[] start = LiveProfile.streamStart(richHeader());
        AsfHeader parsed = AsfHeader.parse(start);
        int headerLength = parsed.toBytes().length;
        assertThat(start).hasSize(headerLength + 50);
        DataObjectHeader data = DataObjectHeader.parse(start, headerLength, headerLength);
        assertThat(data.objectSize()).isEqualTo(50);
        assertThat(data.fileId()).isEqualTo(fp.fileId());
        assertThat(data.reserved()).isEqualTo(0x0101);
    }

    @Test
    void guidsUseTheWindowsByteOrder() {
        assertThat(AsfGuids.HEADER.toBytes()).containsExactly(0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6,
                0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C);
        assertThat(Guid.read(AsfGuids.DATA.toBytes(), 0)).isEqualTo(AsfGuids.DATA);
        assertThat(AsfGuids.DATA.toString()).isEqualTo("75B22636-668E-11CF-A6D9-00AA0062CE6C");
    }

    @Test
    void rejectsBadHeaders() {
        byte[] bytes = richHeader().toBytes();
        byte[] notAsf = bytes.clone();
        notAsf[0] ^= 1;
        assertThatThrownBy(() -> AsfHeader.parse(notAsf)).isInstanceOf(AsfFormatException.class)
                .hasMessageContaining("at byte 0").hasMessageContaining("not ASF");
        byte[] smallObject = bytes.clone();
        LittleEndian.put64(smallObject, 30 + 16, 12); // the File Properties' size
        assertThatThrownBy(() -> AsfHeader.parse(smallObject)).isInstanceOf(AsfFormatException.class)
                .hasMessageContaining("at byte 30").hasMessageContaining("below 24");
        byte[] bigObject = bytes.clone();
        LittleEndian.put64(bigObject, 30 + 16, 1L << 40);
        assertThatThrownBy(() -> AsfHeader.parse(bigObject)).isInstanceOf(AsfFormatException.class)
                .hasMessageContaining("bytes are left");
        byte[] truncated = java.util.Arrays.copyOf(bytes, 100);
        assertThatThrownBy(() -> AsfHeader.parse(truncated)).isInstanceOf(AsfFormatException.class)
                .hasMessageContaining("Header Object size");
    }
}
