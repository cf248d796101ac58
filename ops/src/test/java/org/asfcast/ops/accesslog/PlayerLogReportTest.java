package org.asfcast.ops.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.asfcast.netsink.PlayerReport;
import org.junit.jupiter.api.Test;

/**
 * Both forms of a player's log (research operations-and-mmst.md §1.1.3): the legacy
 * {@code Pragma: log-line=} W3C line and the LogStats XML body; malformed ones read as nothing.
 */
class PlayerLogReportTest {

    /** A WMP 12 legacy log of 42 s of /radio: the 44 fields of log_data44, in WMS's order. */
    static final String LEGACY = String.join(" ", List.of("0.0.0.0", "2026-12-03", "07:00:05", "-", "/radio", "0", "42",
            "1", "200", "{BFE16E37-55EC-4AE4-A5A9-0B0D307F4B72}", "12.0.7724.0", "en-US",
            "NSPlayer/12.0.7724.0_WMFSDK/12.0", "-", "wmplayer.exe", "12.0.7724.0", "Windows_NT", "6.1.0.7601",
            "Pentium", "0", "0", "320000", "http", "TCP", "Windows_Media_Audio_9.2", "Windows_Media_Video_9", "-", "-",
            "1702400", "-", "1330", "3", "0", "0", "0", "0", "0", "1", "3", "100", "-", "-", "-", "-"));

    /** The LogStats form, as WMLOG §2.4 lays it out: the summary, then an element per field (names as WMS spells them). */
    static final String LOG_STATS = "<XML><Summary>" + LEGACY.replace("NSPlayer/12.0.7724.0_WMFSDK/12.0", "NSPlayer/12.0")
            .replace("1702400", "1702401") + "</Summary>"
            + "<c-ip>0.0.0.0</c-ip><Date>2026-12-03</Date><Time>07:00:05</Time><c-playerid>{BFE16E37-55EC-4AE4-A5A9-0B0D307F4B72}</c-playerid>"
            + "<cs(User-Agent)>NSPlayer/12.0</cs(User-Agent)><c-os>Windows_NT</c-os><Avgbandwidth>320000</Avgbandwidth>"
            + "<ChannelURL>-</ChannelURL><c-bytes>1702402</c-bytes><c-quality>99</c-quality>"
            + "<cs-media-name>Morning &amp; news</cs-media-name>"
            + "<ContentDescription><WMS_CONTENT_DESCRIPTION_PLAYLIST_ENTRY_URL>x</WMS_CONTENT_DESCRIPTION_PLAYLIST_ENTRY_URL></ContentDescription>"
            + "</XML>";

    @Test
    void thePragmaFormGivesTheClientsFieldsOnly() {
        PlayerLogReport r = PlayerLogReport.of(report(Optional.of(LEGACY), "")).orElseThrow();
        assertThat(r.value(AccessLogField.C_PLAYERID)).contains("{BFE16E37-55EC-4AE4-A5A9-0B0D307F4B72}");
        assertThat(r.value(AccessLogField.C_PLAYERVERSION)).contains("12.0.7724.0");
        assertThat(r.value(AccessLogField.C_HOSTEXE)).contains("wmplayer.exe");
        assertThat(r.value(AccessLogField.AUDIOCODEC)).contains("Windows_Media_Audio_9.2");
        assertThat(r.value(AccessLogField.C_BYTES)).contains("1702400");
        assertThat(r.value(AccessLogField.C_PKTS_RECEIVED)).contains("1330");
        assertThat(r.value(AccessLogField.C_QUALITY)).contains("100");
        // The server's own: never taken from a client (WMP writes c-ip 0.0.0.0 and "-" for sc-bytes).
        assertThat(r.fields()).doesNotContainKeys(AccessLogField.C_IP, AccessLogField.DATE, AccessLogField.SC_BYTES,
                AccessLogField.X_DURATION, AccessLogField.C_STATUS, AccessLogField.CS_URI_STEM, AccessLogField.CS_USER_AGENT);
        assertThat(r.value(AccessLogField.CHANNEL_URL)).isEmpty();
    }

    @Test
    void theXmlFormsElementsWinOverItsSummary() {
        PlayerLogReport r = PlayerLogReport.of(report(Optional.empty(), LOG_STATS)).orElseThrow();
        assertThat(r.value(AccessLogField.C_BYTES)).contains("1702402");
        assertThat(r.value(AccessLogField.C_QUALITY)).contains("99");
        assertThat(r.value(AccessLogField.C_OS)).contains("Windows_NT");
        assertThat(r.value(AccessLogField.CS_MEDIA_NAME)).contains("Morning & news");
        assertThat(r.value(AccessLogField.C_PKTS_RECEIVED)).as("from the summary").contains("1330");
    }

    @Test
    void elementsAloneAreEnough() {
        PlayerLogReport r = PlayerLogReport.of(report(Optional.empty(),
                "<XML><c-playerid>{x}</c-playerid><c-pkts-lost-net>4</c-pkts-lost-net></XML>")).orElseThrow();
        assertThat(r.value(AccessLogField.C_PKTS_LOST_NET)).contains("4");
    }

    @Test
    void malformedLogsReadAsNothing() {
        for (String line : List.of("", "garbage", "0.0.0.0 2026-12-03 07:00:05 - /radio", // cut short
                LEGACY.replace("2026-12-03", "yesterday"), LEGACY.replace(" 200 ", " OK "), "a ".repeat(5000))) {
            assertThat(PlayerLogReport.of(report(Optional.of(line), ""))).as(line).isEmpty();
        }
        for (String body : List.of("<XML>", "<XML><Summary>short</Summary></XML>", "<html><body>hi</body></html>",
                "\u0000\u0001\u0002", "<c-bytes>1</c-bytes".repeat(1000), "<c-ip><c-ip>1</c-ip></c-ip>")) {
            assertThat(PlayerLogReport.of(report(Optional.empty(), body)).map(PlayerLogReport::fields).orElse(java.util.Map.of()))
                    .as(body).isEmpty();
        }
    }

    @Test
    void entitiesAreDecodedAndUnknownOnesKept() {
        assertThat(PlayerLogReport.entities("a&lt;b&gt;&amp;&quot;&apos;&#65;&#x42;&bogus;&")).isEqualTo("a<b>&\"'AB&bogus;&");
    }

    static PlayerReport report(Optional<String> logLine, String body) {
        return new PlayerReport("/radio", new InetSocketAddress("127.0.0.1", 5000), OptionalLong.of(2338761264L),
                Optional.of("{BFE16E37-55EC-4AE4-A5A9-0B0D307F4B72}"), "/radio", "NSPlayer/12.0.7724.0", logLine, body,
                Instant.now());
    }
}
