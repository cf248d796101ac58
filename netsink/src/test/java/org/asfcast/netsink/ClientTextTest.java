package org.asfcast.netsink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientTextTest {

    @Test
    void controlCharactersIncludingC1AndDelAreEscaped() {
        // CSI (0x9B) and ESC [ start terminal escape sequences.
        assertThat(ClientText.printable("NSPlayer\u009B2J\u001B[31m\u007F\r\n\t"))
                .isEqualTo("NSPlayer\\x9B2J\\x1B[31m\\x7F\\x0D\\x0A\\x09");
    }

    @Test
    void invisibleAndReorderingCharactersAreEscapedButLettersStay() {
        assertThat(ClientText.printable("caf\u00E9 \u202Egnp.exe \u2028 \uD800 \uD83C\uDFB5"))
                .isEqualTo("caf\u00E9 \\u202Egnp.exe \\u2028 \\uD800 \uD83C\uDFB5");
        assertThat(ClientText.printable("a\\x41")).isEqualTo("a\\\\x41");
    }

    @Test
    void longTextIsCutWithAMarker() {
        String shown = ClientText.printable("x".repeat(16 * 1024));
        assertThat(shown).isEqualTo("x".repeat(200) + "...[16184 more chars]");
        assertThat(ClientText.printable("NSPlayer/9.0")).isEqualTo("NSPlayer/9.0");
    }
}
