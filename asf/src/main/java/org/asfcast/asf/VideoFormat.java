package org.asfcast.asf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The type-specific data of a video stream (ASF spec §9.2): encoded width and height, a reserved
 * byte (2), a format-data size, then a BITMAPINFOHEADER and the codec's extra data.
 *
 * @param encodedWidth  Encoded Image Width
 * @param encodedHeight Encoded Image Height
 * @param width         biWidth
 * @param height        biHeight
 * @param bitCount      biBitCount
 * @param compression   biCompression, a FourCC with its first character in the low byte
 * @param imageSize     biSizeImage
 * @param codecData     the bytes after the 40-byte BITMAPINFOHEADER (biSize − 40 of them)
 */
public record VideoFormat(long encodedWidth, long encodedHeight, int width, int height, int bitCount,
                          long compression, long imageSize, byte[] codecData) {

    public VideoFormat {
        codecData = codecData.clone();
    }

    /** A format for {@code fourCC} video of the given size, with the usual defaults. */
    public static VideoFormat of(String fourCC, int width, int height, int bitCount, byte[] codecData) {
        return new VideoFormat(width, height, width, height, bitCount, fourCC(fourCC),
                (long) width * height * bitCount / 8, codecData);
    }

    /** The FourCC code of a four-character string ({@code "MJPG"} → 0x47504A4D). */
    public static long fourCC(String code) {
        byte[] b = code.getBytes(StandardCharsets.US_ASCII);
        if (b.length != 4) {
            throw new IllegalArgumentException("a FourCC has four characters: " + code);
        }
        return LittleEndian.u32(b, 0);
    }

    /** Reads the video type-specific data; empty when it is too short to hold a BITMAPINFOHEADER. */
    public static Optional<VideoFormat> parse(byte[] data) {
        if (data.length < 51) {
            return Optional.empty();
        }
        long biSize = LittleEndian.u32(data, 11);
        int end = (int) Math.min(data.length, 11 + Math.max(40, biSize));
        return Optional.of(new VideoFormat(LittleEndian.u32(data, 0), LittleEndian.u32(data, 4),
                (int) LittleEndian.u32(data, 15), (int) LittleEndian.u32(data, 19), LittleEndian.u16(data, 25),
                LittleEndian.u32(data, 27), LittleEndian.u32(data, 31), Arrays.copyOfRange(data, 51, end)));
    }

    /** The type-specific bytes: 11-byte wrapper, BITMAPINFOHEADER, codec data. */
    public byte[] toBytes() {
        int formatSize = 40 + codecData.length;
        return new ByteWriter(11 + formatSize).u32(encodedWidth).u32(encodedHeight).u8(2).u16(formatSize)
                .u32(formatSize).u32(width).u32(height).u16(1).u16(bitCount).u32(compression).u32(imageSize)
                .u32(0).u32(0).u32(0).u32(0).bytes(codecData).toByteArray();
    }

    /** The compression FourCC as text, e.g. {@code "WMV2"}. */
    public String fourCCText() {
        byte[] b = new byte[4];
        LittleEndian.put32(b, 0, compression);
        StringBuilder text = new StringBuilder();
        for (byte c : b) {
            text.append(c >= 32 && c < 127 ? (char) c : '?');
        }
        return text.toString();
    }

    @Override
    public byte[] codecData() {
        return codecData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VideoFormat v && encodedWidth == v.encodedWidth && encodedHeight == v.encodedHeight
                && width == v.width && height == v.height && bitCount == v.bitCount
                && compression == v.compression && imageSize == v.imageSize && Arrays.equals(codecData, v.codecData);
    }

    @Override
    public int hashCode() {
        return ((width * 31 + height) * 31 + (int) compression) * 31 + Arrays.hashCode(codecData);
    }

    @Override
    public String toString() {
        return "video " + fourCCText() + " " + width + "x" + height + " " + bitCount + " bit";
    }
}
