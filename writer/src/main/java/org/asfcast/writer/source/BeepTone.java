package org.asfcast.writer.source;

/**
 * The test pattern's sound, 16-bit mono PCM: a quiet 440 Hz tone with a louder 1 kHz beep in the
 * first 100 ms of every second, so that audio/video sync can be checked by ear against the flash
 * in the picture. Computed from the sample index, so any block can be made at any time.
 */
final class BeepTone {
    private static final double TONE_HZ = 440;
    private static final double BEEP_HZ = 1000;
    private static final double TONE_LEVEL = 0.08;
    private static final double BEEP_LEVEL = 0.4;

    private final int sampleRate;

    BeepTone(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    /** {@code count} samples from sample {@code first}, little-endian. */
    byte[] block(long first, int count) {
        byte[] pcm = new byte[count * 2];
        for (int i = 0; i < count; i++) {
            // Whole-hertz tones repeat every second, so the phase needs only the sample within it.
            long n = (first + i) % sampleRate;
            boolean beep = n < sampleRate / 10;
            double value = beep ? BEEP_LEVEL * Math.sin(2 * Math.PI * BEEP_HZ * n / sampleRate)
                    : TONE_LEVEL * Math.sin(2 * Math.PI * TONE_HZ * n / sampleRate);
            short s = (short) Math.round(value * Short.MAX_VALUE);
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }
}
