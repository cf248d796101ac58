package org.asfcast.netsink.wire;

import java.util.Locale;
import java.util.Objects;

/**
 * What a {@code Range} header (RFC 9110 §14.2) asks of a representation of a known length, read
 * the way the RFC lets a server read it: one satisfiable byte range gets 206 with that part; none
 * satisfiable gets 416; a header that is malformed, in another unit, or asks for several ranges
 * is ignored and the whole representation is sent (200), which the RFC allows and which spares
 * the server multipart bodies no player asks for. Pure.
 */
public final class ByteRangeRequest {

    /** Longer numbers are saturated: no file is that large, and parsing them must not overflow. */
    private static final int MAX_DIGITS = 18;
    /** A header longer than this is ignored; players send one short range. */
    private static final int MAX_HEADER_CHARS = 1024;

    private ByteRangeRequest() {
    }

    /** What to send. */
    public sealed interface Answer {
    }

    /** The whole representation, 200: no Range, or one to ignore. */
    public record Whole() implements Answer {
    }

    /**
     * One part, 206: bytes {@code first} to {@code last} inclusive.
     *
     * @param first the first byte's offset
     * @param last  the last byte's offset, at least {@code first}, below the length
     */
    public record Part(long first, long last) implements Answer {
        /**
         * Checks the part is a range.
         *
         * @param first see the record description
         * @param last see the record description
         */
        public Part {
            if (first < 0 || last < first) {
                throw new IllegalArgumentException("a part runs from a first byte to a last one not before it: "
                        + first + "-" + last);
            }
        }

        /** How many bytes the part holds. */
        public long length() {
            return last - first + 1;
        }
    }

    /** 416: the one range asked for lies wholly beyond the end (or is an empty suffix). */
    public record Unsatisfiable() implements Answer {
    }

    /**
     * Reads a {@code Range} value for a representation of {@code length} bytes.
     *
     * @param range  the header's value
     * @param length the representation's length, not negative
     * @return what to send
     */
    public static Answer of(String range, long length) {
        Objects.requireNonNull(range, "range");
        if (length < 0) {
            throw new IllegalArgumentException("a length is not negative: " + length);
        }
        if (range.length() > MAX_HEADER_CHARS) {
            return new Whole();
        }
        int equals = range.indexOf('=');
        if (equals < 0 || !range.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals("bytes")) {
            return new Whole();
        }
        Answer only = null;
        int specs = 0;
        for (String element : range.substring(equals + 1).split(",", -1)) {
            String spec = element.trim();
            if (spec.isEmpty()) {
                continue; // the list syntax allows empty elements
            }
            Answer answer = spec(spec, length);
            if (answer == null) {
                return new Whole(); // one malformed spec makes the whole header malformed
            }
            only = answer;
            specs++;
        }
        return specs == 1 ? only : new Whole();
    }

    /** One range-spec; null when it is malformed. */
    private static Answer spec(String spec, long length) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String before = spec.substring(0, dash);
        String after = spec.substring(dash + 1);
        if (before.isEmpty()) {
            long suffix = number(after);
            if (suffix < 0) {
                return null;
            }
            // A suffix of 0 bytes, or any suffix of an empty file, selects nothing.
            return suffix == 0 || length == 0 ? new Unsatisfiable() : new Part(Math.max(0, length - suffix), length - 1);
        }
        long first = number(before);
        if (first < 0) {
            return null;
        }
        long last;
        if (after.isEmpty()) {
            last = Long.MAX_VALUE;
        } else {
            last = number(after);
            if (last < 0 || last < first) {
                return null; // RFC 9110 §14.1.1: a last before the first is invalid, not unsatisfiable
            }
        }
        return first >= length ? new Unsatisfiable() : new Part(first, Math.min(last, length - 1));
    }

    /** A run of decimal digits, saturated at {@link Long#MAX_VALUE}; -1 when it is not one. */
    private static long number(String digits) {
        if (digits.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        return significant.length() > MAX_DIGITS ? Long.MAX_VALUE : Long.parseLong(significant);
    }
}
