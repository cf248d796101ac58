package org.asfcast.netsink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.asfcast.netsink.wire.HeadParseResult.Complete;
import org.asfcast.netsink.wire.HeadParseResult.NeedMore;
import org.asfcast.netsink.wire.HeadParseResult.Rejected;

/**
 * Feeds random bytes, HTTP-shaped noise and mutated captured requests, cut into random pieces, and
 * checks the parser never throws, never reads past a result, and only ever says need-more,
 * complete or one of its 4xx codes. Cases per property: {@code jqwik.tries.default}. The name ends
 * in {@code Test} so that Surefire's default includes pick it up.
 */
class RequestHeadParserFuzzTest {

    /** Feeds the pieces and checks every step; returns the last result. */
    private static HeadParseResult feedChecked(RequestHeadParser parser, byte[] data, List<Integer> cuts, int limit) {
        TreeSet<Integer> bounds = new TreeSet<>();
        for (int cut : cuts) {
            bounds.add(Math.floorMod(cut, data.length + 1));
        }
        bounds.add(data.length);
        HeadParseResult last = new NeedMore();
        HeadParseResult terminal = null;
        int from = 0;
        int taken = 0;
        for (int to : bounds) {
            ByteBuffer piece = ByteBuffer.wrap(data, from, to - from);
            int start = piece.position();
            HeadParseResult result = parser.feed(piece);
            int used = piece.position() - start;
            taken += used;
            assertThat(result).isNotNull();
            if (terminal != null) {
                assertThat(used).isZero();
                assertThat(result).isEqualTo(terminal instanceof Complete c ? new Complete(c.head(), 0) : terminal);
            } else if (result instanceof NeedMore) {
                assertThat(piece.hasRemaining()).isFalse();
            } else if (result instanceof Complete complete) {
                assertThat(complete.consumed()).isEqualTo(used);
                terminal = result;
            } else {
                terminal = result;
            }
            last = result;
            from = to;
        }
        if (last instanceof Rejected rejected) {
            assertThat(rejected.status()).isIn(400, 405, 431);
            assertThat(rejected.reason()).isNotBlank().endsWith(".");
            if (rejected.status() == 431) {
                assertThat(taken).isEqualTo(limit + 1);
            } else {
                assertThat(taken).isLessThanOrEqualTo(limit);
            }
        } else if (last instanceof Complete complete) {
            RequestHead head = complete.head();
            assertThat(taken).isLessThanOrEqualTo(limit);
            assertThat(head.method()).isIn("GET", "HEAD", "POST", "PUT");
            assertThat(head.path()).startsWith("/");
            assertThat(head.version()).matches("HTTP/1\\.[0-9]");
        } else {
            assertThat(taken).isEqualTo(data.length).isLessThanOrEqualTo(limit);
        }
        return last;
    }

    @Property
    void randomBytesInRandomPieces(@ForAll @Size(max = 3000) byte[] data,
                                   @ForAll @Size(max = 8) List<Integer> cuts) {
        feedChecked(new RequestHeadParser(), data, cuts, RequestHeadParser.DEFAULT_MAX_HEAD_BYTES);
    }

    @Property
    void httpShapedNoiseWithSmallLimits(@ForAll("noise") byte[] data, @ForAll @Size(max = 8) List<Integer> cuts,
                                        @ForAll @IntRange(min = 16, max = 600) int limit) {
        feedChecked(new RequestHeadParser(limit), data, cuts, limit);
    }

    @Property
    void mutatedCapturedRequests(@ForAll("captured") String request, @ForAll("mutations") List<Mutation> mutations,
                                 @ForAll @Size(max = 8) List<Integer> cuts, @ForAll boolean bareLf,
                                 @ForAll("limits") int limit) {
        byte[] data = CapturedRequests.bytes(bareLf ? CapturedRequests.bareLf(request) : request);
        for (Mutation mutation : mutations) {
            data = mutation.apply(data);
        }
        feedChecked(new RequestHeadParser(limit), data, cuts, limit);
    }

    @Property
    void capturedRequestsInAnyPiecesGiveTheSameHead(@ForAll("captured") String request,
                                                    @ForAll @Size(max = 12) List<Integer> cuts,
                                                    @ForAll boolean bareLf) {
        String text = bareLf ? CapturedRequests.bareLf(request) : request;
        byte[] data = CapturedRequests.bytes(text + "BODY");
        HeadParseResult last = feedChecked(new RequestHeadParser(), data, cuts, RequestHeadParser.DEFAULT_MAX_HEAD_BYTES);
        assertThat(last).isInstanceOf(Complete.class);
        assertThat(((Complete) last).head()).isEqualTo(CapturedRequests.parse(request));
    }

    @Provide
    Arbitrary<String> captured() {
        return Arbitraries.of(CapturedRequests.ALL);
    }

    @Provide
    Arbitrary<Integer> limits() {
        return Arbitraries.of(16, 64, 200, 512, RequestHeadParser.DEFAULT_MAX_HEAD_BYTES);
    }

    /** Pieces of requests, separators and stray bytes glued in random order. */
    @Provide
    Arbitrary<byte[]> noise() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of("GET ", "HEAD ", "POST ", "PUT ", "/", "/live", "?q=1", "%", "%2", "%41", " ",
                        "HTTP/1.0", "HTTP/1.1", "HTTP/2", "\r\n", "\n", "\r", ":", ": ", "\t", "Pragma",
                        "xPlayStrm=1", ",", "Content-Length: 3", "Content-Length: x", "User-Agent: NSPlayer/9.0",
                        "http://h:1", "\u0000", "\u00ff", "\"", "="),
                Arbitraries.strings().ofMaxLength(6));
        return pieces.list().ofMaxSize(60)
                .map(list -> String.join("", list).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** One edit of a request: overwrite, flip a bit, truncate, insert or delete. */
    record Mutation(int kind, double where, int value, int length) {
        byte[] apply(byte[] input) {
            if (input.length == 0) {
                return input;
            }
            int at = (int) (where * (input.length - 1));
            switch (kind) {
                case 0 -> {
                    byte[] out = input.clone();
                    for (int i = 0; i < length && at + i < out.length; i++) {
                        out[at + i] = (byte) (value >> (i % 4 * 8));
                    }
                    return out;
                }
                case 1 -> {
                    byte[] out = input.clone();
                    out[at] ^= (byte) (1 << (value & 7));
                    return out;
                }
                case 2 -> {
                    return Arrays.copyOf(input, at);
                }
                case 3 -> {
                    byte[] out = new byte[input.length + length];
                    System.arraycopy(input, 0, out, 0, at);
                    Arrays.fill(out, at, at + length, (byte) value);
                    System.arraycopy(input, at, out, at + length, input.length - at);
                    return out;
                }
                default -> {
                    int n = Math.min(length, input.length - at);
                    List<Byte> kept = new ArrayList<>();
                    for (int i = 0; i < input.length; i++) {
                        if (i < at || i >= at + n) {
                            kept.add(input[i]);
                        }
                    }
                    byte[] out = new byte[kept.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = kept.get(i);
                    }
                    return out;
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Integer> interesting = Arbitraries.oneOf(Arbitraries.integers(),
                Arbitraries.of(0, 0x0D, 0x0A, 0x3A, 0x20, 0x09, 0x2C, 0x3D, 0x25, 0x7F, 0x80, 0xFF));
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.doubles().between(0, 1), interesting, Arbitraries.integers().between(1, 40))
                .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }
}
