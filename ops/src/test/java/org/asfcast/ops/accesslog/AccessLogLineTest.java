package org.asfcast.ops.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines in WMS's field order that a strict W3C reader splits right, whatever a client sent. */
class AccessLogLineTest {

    @TempDir
    Path dir;

    @Test
    void theFieldsAreWmsNinesInItsOrderThenTheReason() {
        String fields = AccessLogLine.fieldsDirective();
        assertThat(fields).startsWith("#Fields: c-ip date time c-dns cs-uri-stem c-starttime x-duration c-rate c-status"
                + " c-playerid c-playerversion c-playerlanguage cs(User-Agent) cs(Referer) c-hostexe c-hostexever c-os"
                + " c-osversion c-cpu filelength filesize avgbandwidth protocol transport audiocodec videocodec channelURL"
                + " sc-bytes c-bytes s-pkts-sent c-pkts-received c-pkts-lost-client c-pkts-lost-net c-pkts-lost-cont-net"
                + " c-resendreqs c-pkts-recovered-ECC c-pkts-recovered-resent c-buffercount c-totalbuffertime c-quality"
                + " s-ip s-dns s-totalclients s-cpu-util cs-user-name s-session-id s-content-path cs-url cs-media-name"
                + " c-max-bandwidth cs-media-role s-proxied x-reason");
        assertThat(fields.split(" ")).hasSize(1 + 53);
    }

    @Test
    void theHeaderNamesSoftwareVersionDateAndFields() {
        List<String> header = AccessLogLine.header("asfcast 0.1.0", Instant.parse("2026-12-03T07:08:09Z"));
        assertThat(header).containsExactly("#Software: asfcast 0.1.0", "#Version: 1.0", "#Date: 2026-12-03 07:08:09",
                AccessLogLine.fieldsDirective());
    }

    @Test
    void emptyFieldsAreADashAndSpacesInTextAreUnderscores() throws Exception {
        AccessLogLine line = AccessLogLine.builder().set(AccessLogField.C_IP, "10.0.0.1").at(Instant.parse("2026-12-03T23:59:59Z"))
                .set(AccessLogField.CS_USER_AGENT, "Mozilla/4.0 (compatible; MSIE 6.0)")
                .set(AccessLogField.AUDIOCODEC, "MPEG Layer-3")
                .set(AccessLogField.CS_URI_STEM, "/files/my clip.asf")
                .set(AccessLogField.SC_BYTES, 12345).build();
        Map<String, String> e = readBack(line);
        assertThat(e.get("date")).isEqualTo("2026-12-03");
        assertThat(e.get("time")).isEqualTo("23:59:59");
        assertThat(e.get("cs(User-Agent)")).isEqualTo("Mozilla/4.0_(compatible;_MSIE_6.0)");
        assertThat(e.get("audiocodec")).isEqualTo("MPEG_Layer-3");
        assertThat(e.get("cs-uri-stem")).isEqualTo("/files/my%20clip.asf");
        assertThat(e.get("sc-bytes")).isEqualTo("12345");
        assertThat(e.get("c-dns")).isEqualTo("-");
        assertThat(e.get("x-reason")).isEqualTo("-");
    }

    @Test
    void hostileClientTextStaysInItsFieldAndIsCut() throws Exception {
        String hostile = "evil\tagent\r\n10.0.0.9 2026-01-01 00:00:00 \u202Egnp.exe\u0000\u001B[31m 100% " + "x".repeat(10_000);
        AccessLogLine line = AccessLogLine.builder().set(AccessLogField.C_IP, "10.0.0.1").at(Instant.now())
                .set(AccessLogField.CS_USER_AGENT, hostile)
                .set(AccessLogField.CS_REFERER, "http://a.example/\u00e9t\u00e9 \"q\"\n" + "y".repeat(5000))
                .set(AccessLogField.X_REASON, "There is no file\nat that address.").build();
        Map<String, String> e = readBack(line);
        String agent = e.get("cs(User-Agent)");
        assertThat(agent).startsWith("evil%09agent%0D%0A10.0.0.9_2026-01-01_00:00:00_%E2%80%AEgnp.exe%00%1B[31m_100%25_xxx");
        assertThat(agent.length()).isLessThan(400);
        assertThat(e.get("cs(Referer)")).startsWith("http://a.example/%C3%A9t%C3%A9%20%22q%22%0Ayyy").hasSizeLessThan(1100);
        assertThat(e.get("x-reason")).isEqualTo("There_is_no_file%0Aat_that_address.");
    }

    @Test
    void anUnpairedSurrogateIsWrittenAsTheReplacementCharacter() throws Exception {
        AccessLogLine line = AccessLogLine.builder().at(Instant.now()).set(AccessLogField.CS_USER_AGENT, "a\ud800b")
                .set(AccessLogField.CS_MEDIA_NAME, "caf\u00e9 \ud83c\udfb5").build();
        Map<String, String> e = readBack(line);
        assertThat(e.get("cs(User-Agent)")).isEqualTo("a%EF%BF%BDb");
        assertThat(e.get("cs-media-name")).isEqualTo("caf\u00e9_\ud83c\udfb5");
    }

    private Map<String, String> readBack(AccessLogLine line) throws Exception {
        Path file = dir.resolve("one-" + System.nanoTime() + ".log");
        List<String> lines = new ArrayList<>(AccessLogLine.header("asfcast test", Instant.now()));
        lines.add(line.format());
        Files.write(file, lines);
        W3cLog.Read read = W3cLog.read(file);
        assertThat(read.entries()).hasSize(1);
        return read.entries().get(0);
    }
}
