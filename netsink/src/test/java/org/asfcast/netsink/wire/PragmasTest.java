package org.asfcast.netsink.wire;

import static org.asfcast.netsink.wire.CapturedRequests.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.asfcast.netsink.wire.Pragmas.Token;
import org.junit.jupiter.api.Test;

class PragmasTest {

    private static Pragmas pragmasOf(String request) {
        return Pragmas.of(parse(request));
    }

    @Test
    void ffmpegDescribe() {
        Pragmas pragmas = pragmasOf(CapturedRequests.FFMPEG_DESCRIBE);

        assertThat(pragmas.tokens()).containsExactly(new Token("no-cache", ""), new Token("rate", "1.000000"),
                new Token("stream-time", "0"), new Token("stream-offset", "0:0"), new Token("request-context", "1"),
                new Token("max-duration", "0"), new Token("xClientGUID", "{c77e7400-738a-11d2-9add-0020af0a3278}"));
        assertThat(pragmas.isPlay()).isFalse();
        assertThat(pragmas.requestContext()).hasValue(1);
        assertThat(pragmas.streamTime()).hasValue(0);
        assertThat(pragmas.clientGuid()).contains("{c77e7400-738a-11d2-9add-0020af0a3278}");
        assertThat(pragmas.clientId()).isEmpty();
        assertThat(pragmas.streamSwitchEntries()).isEmpty();
        assertThat(pragmas.selectedStreams(Set.of(1, 2))).isEmpty();
        assertThat(pragmas.isStop()).isFalse();
        assertThat(pragmas.hasLogLine()).isFalse();
    }

    @Test
    void ffmpegPlayWithTheGluedLine() {
        Pragmas pragmas = pragmasOf(CapturedRequests.FFMPEG_PLAY);

        assertThat(pragmas.isPlay()).isTrue();
        assertThat(pragmas.requestContext()).hasValue(2);
        assertThat(pragmas.value("stream-time")).contains("0Connection: Close");
        assertThat(pragmas.streamTime()).hasValue(0);
        assertThat(pragmas.values("rate")).containsExactly("1.000000", "1.000000");
        assertThat(pragmas.value("stream-switch-count")).contains("2");
        assertThat(pragmas.streamSwitchEntries()).containsExactly(
                new StreamSwitchEntry("ffff", "1", 0), new StreamSwitchEntry("ffff", "2", 0));
        assertThat(pragmas.selectedStreams(Set.of(1, 2))).contains(Set.of(1, 2));
    }

    @Test
    void vlcPlays() {
        Pragmas broadcast = pragmasOf(CapturedRequests.VLC_PLAY_BROADCAST);
        assertThat(broadcast.isPlay()).isTrue();
        assertThat(broadcast.streamTime()).isEmpty();
        assertThat(broadcast.clientGuid()).contains("{babac001-1234-5678-9abc-def012345678}");

        Pragmas seekable = pragmasOf(CapturedRequests.VLC_PLAY_SEEKABLE);
        assertThat(seekable.value("stream-offset")).contains("0:12288");
        assertThat(seekable.value("max-duration")).contains("0");
        // VLC writes hex: "b" is stream 11, listed but switched off.
        assertThat(seekable.streamSwitchEntries()).containsExactly(new StreamSwitchEntry("ffff", "1", 0),
                new StreamSwitchEntry("ffff", "2", 0), new StreamSwitchEntry("ffff", "b", 2));
        assertThat(seekable.streamSwitchEntries().get(2).isOff()).isTrue();
        assertThat(seekable.selectedStreams(Set.of(1, 2, 11))).contains(Set.of(1, 2));
    }

    @Test
    void mplayerPlayListsEntryBeforeCount() {
        Pragmas pragmas = pragmasOf(CapturedRequests.MPLAYER_PLAY);
        assertThat(pragmas.isPlay()).isTrue();
        assertThat(pragmas.streamSwitchEntries()).hasSize(2);
        assertThat(pragmas.value("stream-switch-count")).contains("2");
        assertThat(pragmas.requestContext()).hasValue(2);
        assertThat(pragmasOf(CapturedRequests.MPLAYER_DESCRIBE).isPlay()).isFalse();
    }

    @Test
    void wmpPlayWithLeadingSpacesAndClientId() {
        Pragmas pragmas = pragmasOf(CapturedRequests.WMP_PLAY);

        assertThat(pragmas.isPlay()).isTrue();
        assertThat(pragmas.clientId()).hasValue(3735928559L);
        assertThat(pragmas.value("LinkBW")).contains("2147483647");
        assertThat(pragmas.value("AccelDuration")).contains("20000");
        assertThat(pragmas.value("accelbw")).contains("2147483647");
        assertThat(pragmas.value("packet-num")).contains("4294967295");
        assertThat(pragmas.streamTime()).hasValue(0);
        assertThat(pragmas.values("rate")).containsExactly("1.000000", "1.000");
        assertThat(pragmas.selectedStreams(Set.of(1, 2, 3))).contains(Set.of(1, 2));
        assertThat(pragmasOf(CapturedRequests.WMP_DESCRIBE).has("packet-pair-experiment")).isTrue();
    }

    @Test
    void stopAndLogLine() {
        Pragmas stop = pragmasOf(CapturedRequests.WMP_POST_STOP);
        assertThat(stop.isStop()).isTrue();
        assertThat(stop.isPlay()).isFalse();
        assertThat(stop.clientId()).hasValue(3735928559L);

        Pragmas log = pragmasOf(CapturedRequests.WMP_POST_LOG);
        assertThat(log.hasLogLine()).isTrue();
        // The log line keeps its commas: it runs to the end of its Pragma line.
        assertThat(log.logLine()).contains(CapturedRequests.LOG_LINE);
        assertThat(log.clientId()).hasValue(12345);
        assertThat(log.isStop()).isFalse();
    }

    @Test
    void namesIgnoreCaseAndEarlierValuesStay() {
        Pragmas pragmas = Pragmas.parse(List.of("XPLAYSTRM=1, Client-ID=7", "client-id=8"));
        assertThat(pragmas.isPlay()).isTrue();
        assertThat(pragmas.clientId()).hasValue(7);
        assertThat(pragmas.values("CLIENT-ID")).containsExactly("7", "8");
    }

    @Test
    void onlyXPlayStrmOneMeansPlay() {
        assertThat(Pragmas.parse(List.of("xPlayStrm=0")).isPlay()).isFalse();
        assertThat(Pragmas.parse(List.of("xPlayStrm")).isPlay()).isFalse();
        assertThat(Pragmas.parse(List.of("xPlayStrm=10")).isPlay()).isFalse();
        assertThat(Pragmas.parse(List.of("xPlayStrm=0", "xPlayStrm=1")).isPlay()).isTrue();
        assertThat(Pragmas.parse(List.of("no-cache,xPlayStrm=1Connection: Close")).isPlay()).isTrue();
        assertThat(Pragmas.parse(List.of()).isPlay()).isFalse();
    }

    @Test
    void quotedValuesKeepTheirCommas() {
        Pragmas pragmas = Pragmas.parse(List.of("no-cache, features=\"broadcast,playlist\", timeout=60000"));
        assertThat(pragmas.tokens()).containsExactly(new Token("no-cache", ""),
                new Token("features", "broadcast,playlist"), new Token("timeout", "60000"));
    }

    @Test
    void emptyTokensAreSkipped() {
        assertThat(Pragmas.parse(List.of(" , ,no-cache,,  ", "")).tokens()).containsExactly(new Token("no-cache", ""));
    }

    @Test
    void clientIdMustFitThirtyTwoBits() {
        assertThat(Pragmas.parse(List.of("client-id=4294967296")).clientId()).isEmpty();
        assertThat(Pragmas.parse(List.of("client-id=4294967295")).clientId()).hasValue(4294967295L);
        assertThat(Pragmas.parse(List.of("client-id=abc, client-id=42")).clientId()).hasValue(42);
    }

    @Test
    void numbersAreReadFromLeadingDigitsOnly() {
        assertThat(Pragmas.leadingNumber("0Connection: Close")).hasValue(0);
        assertThat(Pragmas.leadingNumber("1234ms")).hasValue(1234);
        assertThat(Pragmas.leadingNumber("9223372036854775807")).hasValue(Long.MAX_VALUE);
        assertThat(Pragmas.leadingNumber("9223372036854775808")).isEmpty();
        assertThat(Pragmas.leadingNumber("")).isEmpty();
        assertThat(Pragmas.leadingNumber("x1")).isEmpty();
        assertThat(Pragmas.leadingNumber("-1")).isEmpty();
    }

    @Test
    void streamSwitchEntriesFromSeveralLinesAndMalformedItems() {
        Pragmas pragmas = Pragmas.parse(List.of("stream-switch-entry=ffff:1:0 ffff:1 zz:1:0 ffff:12345:0 FFFF:2:1 ",
                "stream-switch-entry=ffff:3:0"));
        assertThat(pragmas.streamSwitchEntries()).containsExactly(new StreamSwitchEntry("ffff", "1", 0),
                new StreamSwitchEntry("ffff", "2", 1), new StreamSwitchEntry("ffff", "3", 0));
        // Thinning 1 (key frames only) still selects the stream.
        assertThat(pragmas.selectedStreams(Set.of(1, 2, 3))).contains(Set.of(1, 2, 3));
    }

    @Test
    void selectionNamingNoKnownStreamIsEmptyButPresent() {
        Pragmas pragmas = Pragmas.parse(List.of("stream-switch-entry=ffff:7:0"));
        assertThat(pragmas.selectedStreams(Set.of(1, 2))).contains(Set.of());
    }
}
