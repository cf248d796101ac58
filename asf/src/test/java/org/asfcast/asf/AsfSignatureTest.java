package org.asfcast.asf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ASF is known by its first 16 bytes, whatever the file's name. */
class AsfSignatureTest {

    private static final byte[] GUID = HexFormat.of().parseHex("3026b2758e66cf11a6d900aa0062ce6c");

    @Test
    void theHeaderGuidOnDiskIsAsfAndAnythingElseIsNot() {
        assertThat(AsfSignature.matches(GUID)).isTrue();
        byte[] more = java.util.Arrays.copyOf(GUID, 40);
        assertThat(AsfSignature.matches(more)).isTrue();
        byte[] oneOff = GUID.clone();
        oneOff[15] ^= 1;
        assertThat(AsfSignature.matches(oneOff)).isFalse();
        assertThat(AsfSignature.matches(java.util.Arrays.copyOf(GUID, 15))).as("cut short").isFalse();
        // An MP4's start: size, then "ftyp".
        assertThat(AsfSignature.matches(HexFormat.of().parseHex("0000002066747970697336d00000000200"))).isFalse();
    }

    @Test
    void aFileIsJudgedByItsContentNotItsName(@TempDir Path dir) throws Exception {
        Path asf = Files.write(dir.resolve("really-asf.mp4"), java.util.Arrays.copyOf(GUID, 100));
        Path text = Files.writeString(dir.resolve("notes.wmv"), "these are words");
        Path empty = Files.write(dir.resolve("empty.asf"), new byte[0]);
        assertThat(AsfSignature.of(asf)).isTrue();
        assertThat(AsfSignature.of(text)).isFalse();
        assertThat(AsfSignature.of(empty)).isFalse();
    }
}
