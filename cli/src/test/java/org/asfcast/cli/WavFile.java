package org.asfcast.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** How much sound a player wrote to a WAV file: its data length over the format's byte rate. */
final class WavFile {

    private WavFile() {
    }

    /**
     * The seconds of sound in {@code wav}, 0 when the file is missing or too short. A data chunk
     * whose length field was never filled in (a player stopped hard) counts what is in the file.
     */
    static double seconds(Path wav) throws IOException {
        if (!Files.exists(wav) || Files.size(wav) < 12) {
            return 0;
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
            throw new AssertionError(wav + " is not a WAV file");
        }
        long byteRate = 0;
        for (int at = 12; at + 8 <= b.limit(); ) {
            int id = b.getInt(at);
            long length = Integer.toUnsignedLong(b.getInt(at + 4));
            if (id == 0x20746d66 && at + 20 <= b.limit()) { // "fmt "
                byteRate = Integer.toUnsignedLong(b.getInt(at + 16));
            } else if (id == 0x61746164) { // "data"
                long present = b.limit() - (at + 8L);
                long data = length == 0 || length > present ? present : length;
                if (byteRate == 0) {
                    throw new AssertionError(wav + " has its data before its format");
                }
                return data / (double) byteRate;
            }
            at += 8 + (int) Math.min(length + (length & 1), Integer.MAX_VALUE - at - 8);
        }
        return 0;
    }
}
