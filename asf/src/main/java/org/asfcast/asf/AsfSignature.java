package org.asfcast.asf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Whether bytes are ASF, by content rather than by name: every ASF file and stream starts with the
 * Header Object's GUID ({@code 30 26 B2 75 8E 66 CF 11 A6 D9 00 AA 00 62 CE 6C}).
 */
public final class AsfSignature {

    private static final byte[] HEADER = AsfGuids.HEADER.toBytes();

    private AsfSignature() {
    }

    /** Whether {@code start} (at least the first 16 bytes of an input) begins with the ASF Header Object's GUID. */
    public static boolean matches(byte[] start) {
        return start.length >= HEADER.length && Arrays.equals(start, 0, HEADER.length, HEADER, 0, HEADER.length);
    }

    /**
     * Whether the file starts with the ASF header GUID; a file shorter than that is not ASF.
     *
     * @throws IOException when the file cannot be read (missing, a folder, no permission)
     */
    public static boolean of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return matches(in.readNBytes(HEADER.length));
        }
    }
}
