package org.asfcast.asf.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a fuzz input says where the bytes it carries are cut, so that a coverage-guided fuzzer can
 * vary the cuts as well as the bytes: the first byte {@code n} (taken modulo 8) is the number of
 * piece lengths that follow, each one byte (0 means 256); the rest is the payload, handed out in
 * pieces of those lengths in turn (the whole payload at once when {@code n} is 0). Seed files are
 * real bytes with such a prefix, e.g. {@code 02 01 07} + a captured request.
 *
 * @param payload the bytes after the prefix
 * @param lengths the piece lengths, used in turn; empty for one piece
 */
public record Pieces(byte[] payload, int[] lengths) {

    /** Reads the prefix; a too-short input is an empty payload. */
    public static Pieces of(byte[] input) {
        if (input.length == 0) {
            return new Pieces(input, new int[0]);
        }
        int count = Math.min(input[0] & 7, input.length - 1);
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
            int length = input[1 + i] & 0xFF;
            lengths[i] = length == 0 ? 256 : length;
        }
        return new Pieces(Arrays.copyOfRange(input, 1 + count, input.length), lengths);
    }

    /** The payload cut into pieces: {@code [from, to)} offsets in order, covering it exactly. */
    public List<int[]> cuts() {
        List<int[]> cuts = new ArrayList<>();
        int from = 0;
        for (int i = 0; from < payload.length; i++) {
            int to = lengths.length == 0 ? payload.length : Math.min(payload.length, from + lengths[i % lengths.length]);
            cuts.add(new int[] {from, to});
            from = to;
        }
        return cuts;
    }
}
