package org.asfcast.ops.accesslog;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asfcast.netsink.PlayerReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a player said about its own playback, read from its log POST (research
 * operations-and-mmst.md §1.1.3): the legacy {@code Pragma: log-line=} form, one W3C line in WMS's
 * field order, or the {@code application/x-wms-LogStats} body, {@code <XML><Summary>the same
 * line</Summary><c-ip>…</c-ip>…}, whose per-field elements ({@code <cs(User-Agent)>}: not
 * well-formed XML, hence no XML parser) win over the summary. Only the fields a player knows and
 * the server does not ({@link #CLIENT_FIELDS}) are kept; the server's own counts stay the server's.
 * Malformed logs never fail: they read as nothing, with a debug line. Pure.
 *
 * @param fields the client fields it gave, by field; those it left {@code -} are absent
 */
public record PlayerLogReport(Map<AccessLogField, String> fields) {

    private static final Logger log = LoggerFactory.getLogger(PlayerLogReport.class);

    /** The fields taken from a player's log: its own identity, the content as it saw it, and its reception counts. */
    public static final Set<AccessLogField> CLIENT_FIELDS = Collections.unmodifiableSet(EnumSet.of(
            AccessLogField.C_RATE, AccessLogField.C_PLAYERID, AccessLogField.C_PLAYERVERSION,
            AccessLogField.C_PLAYERLANGUAGE, AccessLogField.C_HOSTEXE, AccessLogField.C_HOSTEXEVER, AccessLogField.C_OS,
            AccessLogField.C_OSVERSION, AccessLogField.C_CPU, AccessLogField.FILELENGTH, AccessLogField.FILESIZE,
            AccessLogField.AUDIOCODEC, AccessLogField.VIDEOCODEC, AccessLogField.CHANNEL_URL, AccessLogField.C_BYTES,
            AccessLogField.C_PKTS_RECEIVED, AccessLogField.C_PKTS_LOST_CLIENT, AccessLogField.C_PKTS_LOST_NET,
            AccessLogField.C_PKTS_LOST_CONT_NET, AccessLogField.C_RESENDREQS, AccessLogField.C_PKTS_RECOVERED_ECC,
            AccessLogField.C_PKTS_RECOVERED_RESENT, AccessLogField.C_BUFFERCOUNT, AccessLogField.C_TOTALBUFFERTIME,
            AccessLogField.C_QUALITY, AccessLogField.CS_MEDIA_NAME, AccessLogField.C_MAX_BANDWIDTH,
            AccessLogField.CS_MEDIA_ROLE));
    /** Fewer fields than up to c-status is no log line: something else, or cut short. */
    private static final int LEAST_FIELDS = AccessLogField.C_STATUS.ordinal() + 1;
    private static final int MOST_FIELDS = AccessLogField.S_PROXIED.ordinal() + 1;
    private static final Pattern SUMMARY = Pattern.compile("<Summary>([^<]*)</Summary>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ELEMENT = Pattern.compile("<([A-Za-z][A-Za-z0-9()\\-]{0,40})>([^<]*)</\\1>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE = Pattern.compile("-|\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern STATUS = Pattern.compile("-|\\d{3}");

    /** Copies the fields. */
    public PlayerLogReport {
        EnumMap<AccessLogField, String> copy = new EnumMap<>(AccessLogField.class);
        copy.putAll(fields);
        fields = Collections.unmodifiableMap(copy);
    }

    /** What {@code report} says, or empty when it says nothing readable. */
    public static Optional<PlayerLogReport> of(PlayerReport report) {
        Map<AccessLogField, String> fields = new EnumMap<>(AccessLogField.class);
        boolean read = report.logLine().map(line -> positional(line, fields)).orElse(false);
        if (!report.body().isEmpty()) {
            read |= logStats(report.body(), fields);
        }
        if (!read) {
            log.debug("a player log from {} was not readable, ignored: log-line {}, body of {} chars", report.remote(),
                    report.logLine().isPresent() ? "present" : "absent", report.body().length());
            return Optional.empty();
        }
        fields.keySet().retainAll(CLIENT_FIELDS);
        fields.values().removeIf(v -> v.isEmpty() || v.equals(FieldText.EMPTY));
        return Optional.of(new PlayerLogReport(fields));
    }

    /** The value the player gave for {@code field}, if it gave one. */
    public Optional<String> value(AccessLogField field) {
        return Optional.ofNullable(fields.get(field));
    }

    /** A W3C line in WMS's order, into {@code fields}; false (and nothing taken) when it is not one. */
    private static boolean positional(String line, Map<AccessLogField, String> fields) {
        String[] values = line.strip().split("[ \t]+");
        if (values.length < LEAST_FIELDS || values.length > MOST_FIELDS + 8
                || !DATE.matcher(values[AccessLogField.DATE.ordinal()]).matches()
                || !STATUS.matcher(values[AccessLogField.C_STATUS.ordinal()]).matches()) {
            return false;
        }
        AccessLogField[] all = AccessLogField.values();
        for (int i = 0; i < Math.min(values.length, MOST_FIELDS); i++) {
            fields.put(all[i], values[i]);
        }
        return true;
    }

    /** A LogStats body: its summary line, then its per-field elements; false when it has neither. */
    private static boolean logStats(String body, Map<AccessLogField, String> fields) {
        boolean read = false;
        Matcher summary = SUMMARY.matcher(body);
        if (summary.find()) {
            read = positional(entities(summary.group(1)), fields);
        }
        Matcher element = ELEMENT.matcher(body);
        while (element.find()) {
            Optional<AccessLogField> field = AccessLogField.named(element.group(1));
            if (field.isPresent()) {
                fields.put(field.get(), entities(element.group(2).strip()));
                read = true;
            }
        }
        return read;
    }

    /** XML's five named entities and numeric references; anything else is kept as written. */
    static String entities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int semi = text.charAt(i) == '&' ? text.indexOf(';', i) : -1;
            if (semi > i && semi - i <= 10) {
                String name = text.substring(i + 1, semi);
                String decoded = switch (name) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    default -> numeric(name);
                };
                if (decoded != null) {
                    out.append(decoded);
                    i = semi + 1;
                    continue;
                }
            }
            out.append(text.charAt(i++));
        }
        return out.toString();
    }

    private static String numeric(String name) {
        try {
            int cp = name.startsWith("#x") || name.startsWith("#X") ? Integer.parseInt(name.substring(2), 16)
                    : name.startsWith("#") ? Integer.parseInt(name.substring(1)) : -1;
            return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
