package org.asfcast.netsink.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tokens of every {@code Pragma} header of a request, where MS-WMSP clients put their
 * parameters ({@code xPlayStrm=1}, {@code stream-switch-entry=...}, {@code client-id=...}).
 *
 * <p>Parsing follows research §1.4 so that FFmpeg, VLC, MPlayer and WMP all survive it:
 * <ul>
 *   <li>every Pragma line is split on ',' (not inside double quotes) and each token trimmed, so
 *       Moonlight's {@code , AccelDuration=20000} works;</li>
 *   <li>a token is {@code name=value} or a bare {@code name} (value empty); names compare
 *       ignoring case; a value in double quotes loses the quotes;</li>
 *   <li>a {@code log-line=} token takes the rest of its line, commas included, since log fields
 *       may contain them;</li>
 *   <li>repeated names are all kept in arrival order; {@link #value} returns the first one;</li>
 *   <li>numbers are read leniently, leading digits only, so FFmpeg's glued
 *       {@code stream-time=0Connection: Close} reads as 0.</li>
 * </ul>
 */
public final class Pragmas {
    /**
     * One Pragma token.
     *
     * @param name  the token name as sent, e.g. {@code xPlayStrm}
     * @param value the text after '=', trimmed and unquoted; empty for a bare token
     */
    public record Token(String name, String value) {
        /**
         * Checks neither part is null.
         *
         * @param name see the record description
         * @param value see the record description
         */
        public Token {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private static final String LOG_LINE = "log-line";
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private final List<Token> tokens;

    private Pragmas(List<Token> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    /**
     * Collects the Pragma headers of a request.
     *
     * @param head the request head
     * @return the tokens of every {@code Pragma} field, in order
     */
    public static Pragmas of(RequestHead head) {
        return parse(head.all("Pragma"));
    }

    /**
     * Parses Pragma header values.
     *
     * @param pragmaValues the values of the {@code Pragma} fields, in arrival order
     * @return the tokens of all of them, in order
     */
    public static Pragmas parse(List<String> pragmaValues) {
        List<Token> tokens = new ArrayList<>();
        for (String value : pragmaValues) {
            split(value, tokens);
        }
        return new Pragmas(tokens);
    }

    private static void split(String line, List<Token> into) {
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i <= line.length(); i++) {
            if (i < line.length() && i == start && startsWithLogLine(line, start)) {
                add(line.substring(start), into);
                return;
            }
            if (i == line.length() || line.charAt(i) == ',' && !quoted) {
                add(line.substring(start, i), into);
                start = i + 1;
            } else if (line.charAt(i) == '"') {
                quoted = !quoted;
            }
        }
    }

    private static boolean startsWithLogLine(String line, int from) {
        int i = from;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return line.regionMatches(true, i, LOG_LINE + "=", 0, LOG_LINE.length() + 1);
    }

    private static void add(String raw, List<Token> into) {
        String token = raw.strip();
        if (token.isEmpty()) {
            return;
        }
        int equals = token.indexOf('=');
        String name = equals < 0 ? token : token.substring(0, equals).strip();
        String value = equals < 0 ? "" : token.substring(equals + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        into.add(new Token(name, value));
    }

    /**
     * Every token, in the order the client sent them.
     *
     * @return the tokens, unmodifiable
     */
    public List<Token> tokens() {
        return tokens;
    }

    /**
     * The value of the first token with this name.
     *
     * @param name the token name, any case
     * @return the value (empty string for a bare token), or empty if the token is absent
     */
    public Optional<String> value(String name) {
        return tokens.stream().filter(t -> t.name().equalsIgnoreCase(name)).map(Token::value).findFirst();
    }

    /**
     * The values of every token with this name, in order.
     *
     * @param name the token name, any case
     * @return the values, empty if the token is absent
     */
    public List<String> values(String name) {
        return tokens.stream().filter(t -> t.name().equalsIgnoreCase(name)).map(Token::value).toList();
    }

    /**
     * Tells whether any token has this name.
     *
     * @param name the token name, any case
     * @return true if present
     */
    public boolean has(String name) {
        return tokens.stream().anyMatch(t -> t.name().equalsIgnoreCase(name));
    }

    /**
     * Tells whether this is a Play request: some {@code xPlayStrm} token reads as 1.
     *
     * @return true for Play, false for Describe (and for requests without Pragmas)
     */
    public boolean isPlay() {
        return anyEqualsOne("xPlayStrm");
    }

    /**
     * Tells whether the client asks to stop streaming: some {@code xStopStrm} token reads as 1
     * (a WMP POST, [MS-WMSP] §2.2.2.10).
     *
     * @return true if a stop is requested
     */
    public boolean isStop() {
        return anyEqualsOne("xStopStrm");
    }

    private boolean anyEqualsOne(String name) {
        return values(name).stream().anyMatch(v -> leadingNumber(v).orElse(-1) == 1);
    }

    /**
     * The {@code client-id} WMP echoes from an earlier response.
     *
     * @return the first client id that reads as a 32-bit unsigned number, or empty
     */
    public OptionalLong clientId() {
        for (String value : values("client-id")) {
            OptionalLong id = leadingNumber(value);
            if (id.isPresent() && id.getAsLong() <= UINT32_MAX) {
                return id;
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The requested start position, {@code stream-time}, in milliseconds (ignored for live).
     *
     * @return the first readable value, or empty
     */
    public OptionalLong streamTime() {
        return firstNumber("stream-time");
    }

    /**
     * The requested start packet, {@code packet-num} ([MS-WMSP] §2.2.1.4.13; WMP sends
     * 4294967295, "unspecified").
     *
     * @return the first readable value, or empty
     */
    public OptionalLong packetNumber() {
        return firstNumber("packet-num");
    }

    /**
     * The requested start byte, {@code stream-offset=<high>:<low>} ([MS-WMSP] §2.2.1.4.25), as one
     * 64-bit number; VLC counts it from the first data packet. Each half is read as a leading decimal
     * number, as clients glue other text to the last value on a line.
     *
     * @return the first value of that shape whose halves are 32-bit numbers, or empty
     */
    public OptionalLong streamOffset() {
        for (String value : values("stream-offset")) {
            int colon = value.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            OptionalLong high = leadingNumber(value.substring(0, colon));
            OptionalLong low = leadingNumber(value.substring(colon + 1));
            if (high.isPresent() && low.isPresent() && high.getAsLong() <= UINT32_MAX && low.getAsLong() <= UINT32_MAX) {
                return OptionalLong.of(high.getAsLong() << 32 | low.getAsLong());
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The client's request counter, {@code request-context} (1 for Describe, 2 for Play); for logs.
     *
     * @return the first readable value, or empty
     */
    public OptionalLong requestContext() {
        return firstNumber("request-context");
    }

    private OptionalLong firstNumber(String name) {
        for (String value : values(name)) {
            OptionalLong number = leadingNumber(value);
            if (number.isPresent()) {
                return number;
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The client's install GUID, {@code xClientGUID}; fixed in FFmpeg and MPlayer, so for logs
     * only, never a session key.
     *
     * @return the GUID text as sent, or empty
     */
    public Optional<String> clientGuid() {
        return value("xClientGUID");
    }

    /**
     * The text of an old WMP's {@code log-line} (sent with POST).
     *
     * @return the log line, or empty if the request carries none
     */
    public Optional<String> logLine() {
        return value(LOG_LINE);
    }

    /**
     * Tells whether the request carries a {@code log-line}.
     *
     * @return true if a log line is present
     */
    public boolean hasLogLine() {
        return has(LOG_LINE);
    }

    /**
     * Every well-formed item of every {@code stream-switch-entry} token, in order. Items are
     * separated by spaces (clients leave a trailing one); malformed items are skipped.
     *
     * @return the entries, empty if the client sent none
     */
    public List<StreamSwitchEntry> streamSwitchEntries() {
        List<StreamSwitchEntry> entries = new ArrayList<>();
        for (String value : values("stream-switch-entry")) {
            for (String item : value.split("[ \t]+")) {
                StreamSwitchEntry.parse(item).ifPresent(entries::add);
            }
        }
        return List.copyOf(entries);
    }

    /**
     * The streams the client wants, resolved against the header's stream numbers with
     * {@link StreamSwitchEntry#stream(Set)} (hex first, then decimal).
     *
     * @param streamsInHeader the stream numbers declared in the ASF header
     * @return empty if the client made no selection (send every stream); otherwise the selected
     *         streams in ascending order, possibly none if no entry names a known stream
     */
    public Optional<Set<Integer>> selectedStreams(Set<Integer> streamsInHeader) {
        List<StreamSwitchEntry> entries = streamSwitchEntries();
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Set<Integer> selected = new TreeSet<>();
        for (StreamSwitchEntry entry : entries) {
            if (!entry.isOff()) {
                OptionalInt stream = entry.stream(streamsInHeader);
                stream.ifPresent(selected::add);
            }
        }
        return Optional.of(Collections.unmodifiableSet(selected));
    }

    /**
     * Reads the leading decimal digits of a value, ignoring whatever follows them.
     *
     * @param value the text, e.g. {@code 0Connection: Close}
     * @return the number, or empty if the text does not start with a digit or the number does not
     *         fit a long
     */
    public static OptionalLong leadingNumber(String value) {
        long number = 0;
        int i = 0;
        while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
            int digit = value.charAt(i) - '0';
            if (number > (Long.MAX_VALUE - digit) / 10) {
                return OptionalLong.empty();
            }
            number = number * 10 + digit;
            i++;
        }
        return i == 0 ? OptionalLong.empty() : OptionalLong.of(number);
    }

    @Override
    public String toString() {
        return "Pragmas" + tokens;
    }
}
