package org.asfcast.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.asfcast.netsink.wire.ClientRequest;
import org.asfcast.netsink.wire.HeadParseResult;
import org.asfcast.netsink.wire.RequestHeadParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the sink does with a request before answering: {@link RequestHeadParser} over the whole
 * head (one read), then {@link ClientRequest#classify}. The heads are the players' own, byte for
 * byte as the research notes (§1.2) and the netsink tests' {@code CapturedRequests} record them.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestParseBenchmark {

    private static final String HOST = "Host: 127.0.0.1:8080\r\n";

    static final Map<String, String> REQUESTS = Map.of(
            "ffmpegPlay", "GET /live HTTP/1.1\r\n"
                    + "Range: bytes=0-\r\n"
                    + "Connection: close\r\n"
                    + "Icy-MetaData: 1\r\n"
                    + "Accept: */*\r\n"
                    + "User-Agent: NSPlayer/4.1.0.3856\r\n"
                    + HOST
                    + "Pragma: no-cache,rate=1.000000,request-context=2\r\n"
                    + "Pragma: xPlayStrm=1\r\n"
                    + "Pragma: xClientGUID={c77e7400-738a-11d2-9add-0020af0a3278}\r\n"
                    + "Pragma: stream-switch-count=2\r\n"
                    + "Pragma: stream-switch-entry=ffff:1:0 ffff:2:0 \r\n"
                    + "Pragma: no-cache,rate=1.000000,stream-time=0Connection: Close\r\n"
                    + "\r\n",
            "ffmpegDescribe", "GET /live HTTP/1.1\r\n"
                    + "Range: bytes=0-\r\n"
                    + "Icy-MetaData: 1\r\n"
                    + "Accept: */*\r\n"
                    + "User-Agent: NSPlayer/4.1.0.3856\r\n"
                    + HOST
                    + "Pragma: no-cache,rate=1.000000,stream-time=0,stream-offset=0:0,request-context=1,max-duration=0\r\n"
                    + "Pragma: xClientGUID={c77e7400-738a-11d2-9add-0020af0a3278}\r\n"
                    + "Connection: Close\r\n"
                    + "\r\n",
            "vlcPlay", "GET /live HTTP/1.0\r\n"
                    + HOST
                    + "Accept: */*\r\n"
                    + "User-Agent: NSPlayer/7.10.0.3059\r\n"
                    + "Pragma: no-cache,rate=1.000000,request-context=2\r\n"
                    + "Pragma: xPlayStrm=1\r\n"
                    + "Pragma: xClientGUID={babac001-1234-5678-9abc-def012345678}\r\n"
                    + "Pragma: stream-switch-count=2\r\n"
                    + "Pragma: stream-switch-entry=ffff:1:0 ffff:2:0 \r\n"
                    + "Connection: Close\r\n"
                    + "\r\n",
            "vlcDescribe", "GET /live?token=abc%20d HTTP/1.0\r\n"
                    + HOST
                    + "Accept: */*\r\n"
                    + "User-Agent: NSPlayer/7.10.0.3059\r\n"
                    + "Pragma: no-cache,rate=1.000000,stream-time=0,stream-offset=0:0,request-context=1,max-duration=0\r\n"
                    + "Pragma: xClientGUID={babac001-1234-5678-9abc-def012345678}\r\n"
                    + "Connection: Close\r\n"
                    + "\r\n");

    @Param({"ffmpegPlay", "ffmpegDescribe", "vlcPlay", "vlcDescribe"})
    public String request;

    private ByteBuffer bytes;

    @Setup
    public void setUp() {
        bytes = ByteBuffer.wrap(REQUESTS.get(request).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Parse the head and classify it, as ConnectionHandler does for each connection. */
    @Benchmark
    public ClientRequest parseAndClassify() {
        HeadParseResult r = new RequestHeadParser().feed(bytes.duplicate());
        if (!(r instanceof HeadParseResult.Complete complete)) {
            throw new IllegalStateException("not complete: " + r);
        }
        return ClientRequest.classify(complete.head());
    }
}
