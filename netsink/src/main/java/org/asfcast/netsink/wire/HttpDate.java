package org.asfcast.netsink.wire;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP dates (RFC 9110 §5.6.7): written as IMF-fixdate, read in all three forms a recipient must
 * accept (IMF-fixdate, the obsolete RFC 850 form and asctime). Pure.
 */
public final class HttpDate {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC_850 = DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.ROOT);
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);
    /** Longer values are not dates; they are not parsed. */
    private static final int MAX_CHARS = 64;

    private HttpDate() {
    }

    /** The instant as an IMF-fixdate, to the second, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /**
     * Reads an HTTP date.
     *
     * @param text the field value
     * @return the instant, or empty when the value is no HTTP date (such a field is then ignored)
     */
    public static Optional<Instant> parse(String text) {
        String value = text.trim();
        if (value.length() > MAX_CHARS) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(value, IMF_FIXDATE).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notFixdate) {
            // try the obsolete forms
        }
        try {
            LocalDateTime rfc850 = LocalDateTime.parse(value, RFC_850);
            // RFC 9110: a two-digit year more than 50 years in the future is in the past century.
            if (rfc850.isAfter(LocalDateTime.now(ZoneOffset.UTC).plusYears(50))) {
                rfc850 = rfc850.minusYears(100);
            }
            return Optional.of(rfc850.toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notRfc850) {
            // try asctime
        }
        try {
            return Optional.of(LocalDateTime.parse(value, ASCTIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notAsctime) {
            return Optional.empty();
        }
    }
}
