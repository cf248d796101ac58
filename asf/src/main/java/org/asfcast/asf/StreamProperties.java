package org.asfcast.asf;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Stream Properties Object (ASF spec §3.3): one per stream. The type-specific data stays as
 * bytes so that any stream type round-trips; {@link #audioFormat()} and {@link #videoFormat()}
 * read it as WAVEFORMATEX or as the video wrapper around a BITMAPINFOHEADER.
 *
 * @param streamType          ASF_Audio_Media, ASF_Video_Media, …
 * @param errorCorrectionType ASF_No_Error_Correction or ASF_Audio_Spread
 * @param timeOffset          100-ns units added to every presentation time of the stream (usually 0)
 * @param flags               bits 0-6 stream number, bit 15 encrypted content
 * @param reserved            the reserved DWORD, kept as read
 * @param typeSpecificData    WAVEFORMATEX for audio, the video wrapper for video, anything for others
 * @param errorCorrectionData e.g. the 8-byte Audio Spread parameters
 */
public record StreamProperties(Guid streamType, Guid errorCorrectionType, long timeOffset, int flags, long reserved,
                               byte[] typeSpecificData, byte[] errorCorrectionData) implements HeaderObject {

    public StreamProperties {
        typeSpecificData = typeSpecificData.clone();
        errorCorrectionData = errorCorrectionData.clone();
    }

    /** An audio stream described by a WAVEFORMATEX, without error correction. */
    public static StreamProperties audio(int streamNumber, WaveFormat format) {
        return new StreamProperties(AsfGuids.AUDIO_MEDIA, AsfGuids.NO_ERROR_CORRECTION, 0,
                checkStreamNumber(streamNumber), 0, format.toBytes(), new byte[0]);
    }

    /** A video stream described by a BITMAPINFOHEADER, without error correction. */
    public static StreamProperties video(int streamNumber, VideoFormat format) {
        return new StreamProperties(AsfGuids.VIDEO_MEDIA, AsfGuids.NO_ERROR_CORRECTION, 0,
                checkStreamNumber(streamNumber), 0, format.toBytes(), new byte[0]);
    }

    private static int checkStreamNumber(int streamNumber) {
        if (streamNumber < 1 || streamNumber > 127) {
            throw new IllegalArgumentException("stream number " + streamNumber + " is outside 1..127");
        }
        return streamNumber;
    }

    static StreamProperties read(ByteReader in) throws AsfFormatException {
        Guid type = in.guid("Stream Type");
        Guid ecType = in.guid("Error Correction Type");
        long timeOffset = in.u64("Time Offset");
        long typeLength = in.u32("Type-Specific Data Length");
        long ecLength = in.u32("Error Correction Data Length");
        int flags = in.u16("Flags");
        if ((flags & 0x7F) == 0) {
            throw new AsfFormatException(in.offset() - 2, "stream number 0 is invalid");
        }
        long reserved = in.u32("Reserved");
        byte[] typeData = in.bytes(typeLength, "Type-Specific Data");
        byte[] ecData = in.bytes(ecLength, "Error Correction Data");
        return new StreamProperties(type, ecType, timeOffset, flags, reserved, typeData, ecData);
    }

    @Override
    public Guid guid() {
        return AsfGuids.STREAM_PROPERTIES;
    }

    @Override
    public byte[] toBytes() {
        ByteWriter out = new ByteWriter(78 + typeSpecificData.length + errorCorrectionData.length);
        int start = out.beginObject(guid());
        out.guid(streamType).guid(errorCorrectionType).u64(timeOffset).u32(typeSpecificData.length)
                .u32(errorCorrectionData.length).u16(flags).u32(reserved).bytes(typeSpecificData)
                .bytes(errorCorrectionData);
        out.endObject(start);
        return out.toByteArray();
    }

    /** The stream number, 1..127. */
    public int streamNumber() {
        return flags & 0x7F;
    }

    /** Whether the Encrypted Content flag is set. */
    public boolean encrypted() {
        return (flags & 0x8000) != 0;
    }

    /** Whether this is an ASF_Audio_Media stream. */
    public boolean isAudio() {
        return AsfGuids.AUDIO_MEDIA.equals(streamType);
    }

    /** Whether this is an ASF_Video_Media stream. */
    public boolean isVideo() {
        return AsfGuids.VIDEO_MEDIA.equals(streamType);
    }

    /** The WAVEFORMATEX of an audio stream; empty for other streams or malformed data. */
    public Optional<WaveFormat> audioFormat() {
        return isAudio() ? WaveFormat.parse(typeSpecificData) : Optional.empty();
    }

    /** The video format of a video stream; empty for other streams or malformed data. */
    public Optional<VideoFormat> videoFormat() {
        return isVideo() ? VideoFormat.parse(typeSpecificData) : Optional.empty();
    }

    @Override
    public byte[] typeSpecificData() {
        return typeSpecificData.clone();
    }

    @Override
    public byte[] errorCorrectionData() {
        return errorCorrectionData.clone();
    }

    /** The same stream under another number (used when a stream is embedded or renumbered). */
    public StreamProperties withStreamNumber(int streamNumber) {
        return new StreamProperties(streamType, errorCorrectionType, timeOffset,
                (flags & ~0x7F) | checkStreamNumber(streamNumber), reserved, typeSpecificData, errorCorrectionData);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamProperties s && streamType.equals(s.streamType)
                && errorCorrectionType.equals(s.errorCorrectionType) && timeOffset == s.timeOffset
                && flags == s.flags && reserved == s.reserved && Arrays.equals(typeSpecificData, s.typeSpecificData)
                && Arrays.equals(errorCorrectionData, s.errorCorrectionData);
    }

    @Override
    public int hashCode() {
        return (streamType.hashCode() * 31 + flags) * 31 + Arrays.hashCode(typeSpecificData);
    }

    @Override
    public String toString() {
        return "StreamProperties[#" + streamNumber() + " " + AsfGuids.describe(streamType) + ", "
                + audioFormat().map(Object::toString).or(() -> videoFormat().map(Object::toString))
                .orElse(typeSpecificData.length + " bytes of type-specific data") + "]";
    }
}
