package org.asfcast.cli.config;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A bit rate in bits per second, written {@code 0}, {@code 800k}, {@code 200M}, {@code 1.5G} (decimal
 * prefixes: 1k = 1000 bit/s, as network rates are counted). Zero means "no limit" where a limit is meant.
 *
 * @param bitsPerSecond not negative
 */
public record BitRate(long bitsPerSecond) {

    /** Zero: no limit. */
    public static final BitRate NONE = new BitRate(0);

    /** Checks the value is not negative. */
    public BitRate {
        if (bitsPerSecond < 0) {
            throw new IllegalArgumentException("a bit rate cannot be negative: " + bitsPerSecond);
        }
    }

    /**
     * Parses the written forms above.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong and what is meant
     */
    public static BitRate parse(String text) {
        String s = text.trim();
        long unit = 1;
        if (!s.isEmpty()) {
            // 'm' can only mean mega here (there is no millibit per second), so case is forgiven.
            switch (Character.toLowerCase(s.charAt(s.length() - 1))) {
                case 'k' -> unit = 1_000L;
                case 'm' -> unit = 1_000_000L;
                case 'g' -> unit = 1_000_000_000L;
                default -> unit = 1;
            }
        }
        String number = unit == 1 ? s : s.substring(0, s.length() - 1).trim();
        if (!number.matches("\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException("must be a bit rate such as 800k, 200M or 1G (bits per second; 0 for none), not \""
                    + text + "\"");
        }
        BigDecimal bits = new BigDecimal(number).multiply(BigDecimal.valueOf(unit));
        if (bits.compareTo(BigDecimal.valueOf(1_000_000_000_000L)) > 0) {
            throw new IllegalArgumentException("\"" + text + "\" is more than 1000G (1 Tbit/s)");
        }
        return new BitRate(bits.longValue());
    }

    /** Whether this is a limit at all (not zero). */
    public boolean limits() {
        return bitsPerSecond > 0;
    }

    @Override
    public String toString() {
        long b = bitsPerSecond;
        if (b >= 1_000_000_000L && b % 1_000_000_000L == 0) {
            return b / 1_000_000_000L + "G";
        }
        if (b >= 1_000_000L && b % 1_000_000L == 0) {
            return b / 1_000_000L + "M";
        }
        if (b >= 1_000L && b % 1_000L == 0) {
            return b / 1_000L + "k";
        }
        return String.format(Locale.ROOT, "%d", b);
    }
}
