package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Start positions as each client writes them (research on-demand-mbr-push.md §2.2, §2.3). */
class StartPositionTest {

    private static StartPosition of(String... pragmaLines) {
        return StartPosition.of(Pragmas.parse(List.of(pragmaLines)));
    }

    @Test
    void ffmpegSeeksByTimeWithTheNextHeaderGluedOn() {
        assertThat(of("no-cache,rate=1.000000,stream-time=12000Connection: Close"))
                .isEqualTo(new StartPosition.AtTime(12000));
    }

    @Test
    void vlcSeeksByOffsetBehindAZeroTime() {
        assertThat(of("no-cache,rate=1.000000,stream-time=0,stream-offset=0:361600,request-context=3,max-duration=0"))
                .isEqualTo(new StartPosition.AtOffset(361600));
        assertThat(of("stream-time=0,stream-offset=1:0")).isEqualTo(new StartPosition.AtOffset(1L << 32));
    }

    @Test
    void mplayerAndAFreshVlcStartAtTheBeginning() {
        assertThat(of("stream-time=0,stream-offset=0:0,request-context=2,max-duration=0"))
                .isEqualTo(new StartPosition.Beginning());
        assertThat(of("no-cache,rate=1.000000")).isEqualTo(new StartPosition.Beginning());
    }

    @Test
    void wmpsUnspecifiedValuesMeanTheBeginning() {
        assertThat(of("no-cache,rate=1.000,stream-time=0,stream-offset=4294967295:4294967295,packet-num=4294967295,max-duration=0"))
                .isEqualTo(new StartPosition.Beginning());
        assertThat(of("stream-time=4294967295,packet-num=4294967295")).isEqualTo(new StartPosition.Beginning());
    }

    @Test
    void timeComesBeforePacketAndPacketBeforeOffset() {
        assertThat(of("stream-time=5000,packet-num=7,stream-offset=0:3200")).isEqualTo(new StartPosition.AtTime(5000));
        assertThat(of("stream-time=0,packet-num=7,stream-offset=0:3200")).isEqualTo(new StartPosition.AtPacket(7));
        assertThat(of("packet-num=0")).isEqualTo(new StartPosition.AtPacket(0));
    }

    @Test
    void malformedOffsetsAreIgnored() {
        assertThat(of("stream-offset=361600")).isEqualTo(new StartPosition.Beginning());
        assertThat(of("stream-offset=:5")).isEqualTo(new StartPosition.Beginning());
        assertThat(of("stream-offset=4294967296:0")).isEqualTo(new StartPosition.Beginning());
        assertThat(of("stream-offset=x:y")).isEqualTo(new StartPosition.Beginning());
    }
}
