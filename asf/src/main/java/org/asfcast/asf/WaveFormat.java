package org.asfcast.asf;

import java.util.Arrays;
import java.util.Optional;

/**
 * A WAVEFORMATEX: the type-specific data of an audio stream (ASF spec §9.1).
 *
 * @param formatTag      codec ID: 1 PCM, 7 µ-law, 0x160 WMA v1, 0x161 WMA v2, …
 * @param channels       number of channels
 * @param samplesPerSec  sample rate in Hz
 * @param avgBytesPerSec average bytes per second
 * @param blockAlign     bytes per block
 * @param bitsPerSample  bits per sample
 * @param codecData      the cbSize extra bytes after the 18-byte structure
 */
public record WaveFormat(int formatTag, int channels, long samplesPerSec, long avgBytesPerSec, int blockAlign,
                         int bitsPerSample, byte[] codecData) {

    /** PCM format tag. */
    public static final int PCM = 1;

    public WaveFormat {
        codecData = codecData.clone();
    }

    /** 16-bit little-endian PCM. */
    public static WaveFormat pcm16(int sampleRate, int channels) {
        return new WaveFormat(PCM, channels, sampleRate, (long) sampleRate * channels * 2, channels * 2, 16,
                new byte[0]);
    }

    /** Reads a WAVEFORMAT (16 bytes) or WAVEFORMATEX; empty if the bytes cannot be one. */
    public static Optional<WaveFormat> parse(byte[] data) {
        if (data.length < 16) {
            return Optional.empty();
        }
        int extra = data.length >= 18 ? LittleEndian.u16(data, 16) : 0;
        if (18 + extra > data.length && extra > 0) {
            return Optional.empty();
        }
        return Optional.of(new WaveFormat(LittleEndian.u16(data, 0), LittleEndian.u16(data, 2),
                LittleEndian.u32(data, 4), LittleEndian.u32(data, 8), LittleEndian.u16(data, 12),
                LittleEndian.u16(data, 14), Arrays.copyOfRange(data, 18, 18 + extra)));
    }

    /** The 18 + cbSize bytes. */
    public byte[] toBytes() {
        return new ByteWriter(18 + codecData.length).u16(formatTag).u16(channels).u32(samplesPerSec)
                .u32(avgBytesPerSec).u16(blockAlign).u16(bitsPerSample).u16(codecData.length).bytes(codecData)
                .toByteArray();
    }

    @Override
    public byte[] codecData() {
        return codecData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WaveFormat w && formatTag == w.formatTag && channels == w.channels
                && samplesPerSec == w.samplesPerSec && avgBytesPerSec == w.avgBytesPerSec
                && blockAlign == w.blockAlign && bitsPerSample == w.bitsPerSample
                && Arrays.equals(codecData, w.codecData);
    }

    @Override
    public int hashCode() {
        return ((formatTag * 31 + channels) * 31 + (int) samplesPerSec) * 31 + Arrays.hashCode(codecData);
    }

    @Override
    public String toString() {
        return String.format("audio 0x%04X %d Hz %d ch %d bit %d B/s", formatTag, samplesPerSec, channels,
                bitsPerSample, avgBytesPerSec);
    }
}
