package org.asfcast.bench.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness reads what the server, the kernel, jcmd and ffmpeg print; these are real captures from this machine. */
class ReadersTest {

    @Test
    void statusOfAResponseHeadAndOfAConnectionThatEndsFirst() throws IOException {
        String ok = "HTTP/1.0 200 OK\r\nServer: Cougar/4.1.0.3923\r\nContent-Type: application/x-mms-framed\r\n"
                + "Pragma: no-cache\r\nPragma: client-id=3780896683\r\nPragma: features=\"broadcast\"\r\n"
                + "Cache-Control: no-cache\r\nConnection: close\r\n\r\n$H";
        String refused = "HTTP/1.0 431 Request Header Fields Too Large\r\nServer: Cougar/4.1.0.3923\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 45\r\nConnection: close\r\n\r\n"
                + "The request head is longer than 16384 bytes.\n";
        assertThat(PlayRequest.readStatus(stream(ok))).isEqualTo(200);
        assertThat(PlayRequest.readStatus(stream(refused))).isEqualTo(431);
        assertThat(PlayRequest.readStatus(stream("HTTP/1.0 40"))).isEqualTo(-1); // cut before its line ended: no status
        assertThat(PlayRequest.readStatus(stream(""))).isEqualTo(-1);
        assertThat(PlayRequest.status("garbage")).isZero();
    }

    @Test
    void theHeadEndsAtTheBlankLineNotBefore() throws IOException {
        ByteArrayInputStream in = stream("HTTP/1.0 200 OK\r\nA: b\r\n\r\n$D");
        PlayRequest.readStatus(in);
        assertThat(in.read()).isEqualTo('$');
    }

    @Test
    void serverSideSocketsFromProcNetTcp() {
        String table = """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 543 1 000000006e2dc828 100 0 0 10 0
                   1: 0100007F:A0FC 0100007F:4858 06 00000000:00000000 03:00001458 00000000     0        0 0 3 00000000bc6e60bd
                   2: 0100007F:4858 0100007F:A116 01 00000000:00000000 00:00000000 00000000     0        0 34664 1 00000000b0943f88 20 4 26 11 -1
                """;
        assertThat(TcpTable.parse(table)).containsExactly(new TcpTable.Socket(2024, 0, 10),
                new TcpTable.Socket(41212, 18520, 6), new TcpTable.Socket(18520, 41238, TcpTable.ESTABLISHED));
    }

    @Test
    void heapInUseFromJcmdGcHeapInfoSummedOverGenerationsNotMetaspace() {
        String serial = """
                17685:
                 def new generation   total 3712K, used 2864K [0x00000000e0000000, 0x00000000e0400000, 0x00000000e0400000)
                  eden space 3328K,  86% used [0x00000000e0000000, 0x00000000e02cc078, 0x00000000e0340000)
                  from space 384K,   0% used [0x00000000e0340000, 0x00000000e0340000, 0x00000000e03a0000)
                  to   space 384K,   0% used [0x00000000e03a0000, 0x00000000e03a0000, 0x00000000e0400000)
                 tenured generation   total 28672K, used 5014K [0x00000000e0400000, 0x00000000e2000000, 0x0000000100000000)
                   the space 28672K,  17% used [0x00000000e0400000, 0x00000000e08e5918, 0x00000000e08e5a00, 0x00000000e2000000)
                 Metaspace       used 11341K, committed 11712K, reserved 1114112K
                  class space    used 1380K, committed 1536K, reserved 1048576K
                """;
        assertThat(ServerGauge.usedKb(serial)).isEqualTo(2864 + 5014);
        assertThat(ServerGauge.usedKb(" garbage-first heap   total 262144K, used 20480K [0x0...)\n")).isEqualTo(20480);
        assertThat(ServerGauge.usedKb("17685:\nCould not attach\n")).isEqualTo(-1);
    }

    @Test
    void mediaTimeFromFfmpegProgress() {
        List<String> lines = List.of("frame=3", "fps=0.00", "bitrate=N/A", "out_time_us=139433", "out_time_ms=139433",
                "out_time=00:00:00.139433", "progress=continue");
        assertThat(lines.stream().mapToLong(PlayerProgress::outTimeMicros).max().orElseThrow()).isEqualTo(139433);
        assertThat(PlayerProgress.outTimeMicros("out_time_us=N/A")).isEqualTo(-1);
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
