package org.asfcast.ops.accesslog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One line of the access log: a value per {@link AccessLogField}, in WMS's order, written in the W3C
 * extended format (one space between fields, {@code -} for an empty one, each value through
 * {@link FieldText}). Immutable; made with {@link #builder()}. Pure formatting: what goes into a line
 * is {@link AccessLog}'s matter.
 */
public final class AccessLogLine {

    /** The W3C version the header names. */
    public static final String W3C_VERSION = "1.0";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final AccessLogField[] FIELDS = AccessLogField.values();

    private final String[] values;

    private AccessLogLine(String[] values) {
        this.values = values;
    }

    /** A line with every field empty, to fill in. */
    public static Builder builder() {
        return new Builder();
    }

    /** The value as given (not yet escaped); null when the field is empty. */
    public String value(AccessLogField field) {
        return values[field.ordinal()];
    }

    /** A copy with {@code field} set to {@code value} (null: empty). */
    public AccessLogLine with(AccessLogField field, String value) {
        String[] copy = values.clone();
        copy[field.ordinal()] = value;
        return new AccessLogLine(copy);
    }

    /** The line as written, without its line end. */
    public String format() {
        StringBuilder out = new StringBuilder(512);
        for (AccessLogField f : FIELDS) {
            if (f.ordinal() > 0) {
                out.append(' ');
            }
            out.append(FieldText.of(values[f.ordinal()], f.kind()));
        }
        return out.toString();
    }

    /** The {@code #Fields:} directive naming every field in order. */
    public static String fieldsDirective() {
        return "#Fields: " + Arrays.stream(FIELDS).map(AccessLogField::w3cName).collect(Collectors.joining(" "));
    }

    /**
     * The header at the top of each file: {@code #Software}, {@code #Version}, {@code #Date} (UTC,
     * when the file was begun) and {@code #Fields}.
     *
     * @param software what wrote it, such as {@code asfcast 0.1.0}
     */
    public static List<String> header(String software, Instant begun) {
        return List.of("#Software: " + software.replaceAll("\\p{Cntrl}", ""),
                "#Version: " + W3C_VERSION,
                "#Date: " + date(begun) + " " + time(begun),
                fieldsDirective());
    }

    /** The UTC date of {@code at} as the {@code date} field writes it. */
    public static String date(Instant at) {
        return DATE.format(at);
    }

    /** The UTC time of day of {@code at}, to the second, as the {@code time} field writes it. */
    public static String time(Instant at) {
        return TIME.format(at);
    }

    @Override
    public String toString() {
        return format();
    }

    /** Fills in a line's fields; every field starts empty. */
    public static final class Builder {
        private final String[] values = new String[FIELDS.length];

        private Builder() {
        }

        /** Sets {@code field} (null or empty: written as {@code -}). */
        public Builder set(AccessLogField field, String value) {
            values[Objects.requireNonNull(field, "field").ordinal()] = value;
            return this;
        }

        /** Sets {@code field} to a number. */
        public Builder set(AccessLogField field, long value) {
            return set(field, Long.toString(value));
        }

        /** Sets {@code date} and {@code time} to {@code at}, in UTC. */
        public Builder at(Instant at) {
            return set(AccessLogField.DATE, date(at)).set(AccessLogField.TIME, time(at));
        }

        /** The line as filled in so far. */
        public AccessLogLine build() {
            return new AccessLogLine(values.clone());
        }
    }
}
