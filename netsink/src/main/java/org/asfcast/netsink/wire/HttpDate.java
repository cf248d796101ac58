package org.asfcast.netsink.wire;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP dates (RFC 9110 §5.6.7): written as IMF-fixdate, read in all three forms a recipient must
 * accept (IMF-fixdate, the obsolete RFC 850 form and asctime). Pure.
 */
public final class HttpDate {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** RFC 850 after its weekday; a two-digit year is the one within 50 years before and 49 after now's. */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, LocalDate.now(ZoneOffset.UTC).getYear() - 50)
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.ROOT);
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
        int comma = value.indexOf(", ");
        if (comma > 0) {
            try {
                // The weekday is not checked: with a two-digit year it is the only way to be wrong.
                return Optional.of(LocalDateTime.parse(value.substring(comma + 2), RFC_850).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notRfc850) {
                // try asctime
            }
        }
        try {
            return Optional.of(LocalDateTime.parse(value, ASCTIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notAsctime) {
            return Optional.empty();
        }
    }
}
