package org.asfcast.writer;

import org.asfcast.asf.VideoFormat;
import org.asfcast.asf.WaveFormat;

/** Profiles the writer's tests use: MJPEG video on stream 1, PCM audio on stream 2. */
final class Profiles {
    private Profiles() {
    }

    static WriterProfile videoAndAudio() {
        return WriterProfile.builder()
                .addVideoStream(VideoFormat.of("MJPG", 160, 120, 24, new byte[0]), 200_000, 25)
                .addAudioStream(WaveFormat.pcm16(8000, 1), 128_000, 25)
                .packetSize(1000).preroll(1000).build();
    }

    /** A sample of {@code size} bytes whose content encodes {@code seed}. */
    static byte[] sample(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    /** 100-ns units of {@code millis}. */
    static long ms(long millis) {
        return millis * 10_000;
    }
}
