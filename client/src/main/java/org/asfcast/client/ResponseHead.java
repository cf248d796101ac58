package org.asfcast.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The status line and header fields of an HTTP response, in the order the server sent them
 * (MS-WMSP servers send several {@code Pragma} lines; all are kept).
 *
 * @param version the protocol of the status line, e.g. {@code "HTTP/1.0"}
 * @param status  the status code
 * @param reason  the reason phrase (may be empty)
 * @param fields  the header fields in order, duplicates kept
 * @param size    bytes of the head including the blank line: where the body starts
 */
public record ResponseHead(String version, int status, String reason, List<Field> fields, int size) {
    /** The largest head read; MS-WMSP heads are a few hundred bytes. */
    public static final int MAX_SIZE = 64 * 1024;

    /**
     * One header field.
     *
     * @param name  the name as sent
     * @param value the value, surrounding blanks removed
     */
    public record Field(String name, String value) {
    }

    /** Copies the fields, so the head stays immutable. */
    public ResponseHead {
        fields = List.copyOf(fields);
    }

    /**
     * Reads a head byte by byte (so not a byte of the body is consumed) up to and including the
     * blank line. Line ends may be CRLF or LF.
     *
     * @throws StreamProtocolException when it is not an HTTP/1.x response head, every field line
     *                                 having a colon as VLC demands, within {@link #MAX_SIZE} bytes
     */
    public static ResponseHead read(InputStream in) throws IOException, StreamProtocolException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int size = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new StreamProtocolException(size, size == 0 ? "the server closed the connection without a response"
                        : "the connection closed inside the response head");
            }
            size++;
            if (size > MAX_SIZE) {
                throw new StreamProtocolException(size, "the response head is longer than " + MAX_SIZE + " bytes");
            }
            if (b != '\n') {
                line.append((char) b); // ISO-8859-1, as HTTP heads are
                continue;
            }
            int length = line.length();
            String text = length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            line.setLength(0);
            if (text.isEmpty()) {
                if (lines.isEmpty()) {
                    continue; // tolerate blank lines before the status line
                }
                break;
            }
            lines.add(text);
        }
        return parse(lines, size);
    }

    private static ResponseHead parse(List<String> lines, int size) throws StreamProtocolException {
        String statusLine = lines.get(0);
        // VLC reads the code at a fixed position after "HTTP/1.x ", so demand exactly that shape
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' '
                || !statusLine.substring(9, 12).chars().allMatch(Character::isDigit)
                || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
            throw new StreamProtocolException(0, "the status line \"" + printable(statusLine)
                    + "\" is not \"HTTP/1.x NNN reason\"");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        String reason = statusLine.length() > 13 ? statusLine.substring(13).trim() : "";
        List<Field> fields = new ArrayList<>();
        int at = statusLine.length() + 2;
        for (String text : lines.subList(1, lines.size())) {
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new StreamProtocolException(at, "the header line \"" + printable(text)
                        + "\" has no name and colon (VLC aborts on it)");
            }
            fields.add(new Field(text.substring(0, colon).trim(), text.substring(colon + 1).trim()));
            at += text.length() + 2;
        }
        return new ResponseHead(statusLine.substring(0, 8), status, reason, fields, size);
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }

    /** Every value of the fields with this name (case-insensitive), in order. */
    public List<String> values(String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).map(Field::value).toList();
    }

    /** The first value of the field with this name (case-insensitive). */
    public Optional<String> value(String name) {
        return values(name).stream().findFirst();
    }

    /**
     * Every token of every {@code Pragma} line, split at commas outside quotes and trimmed:
     * {@code no-cache}, {@code client-id=123}, {@code features="broadcast,playlist"}.
     */
    public List<String> pragmas() {
        List<String> tokens = new ArrayList<>();
        for (String value : values("Pragma")) {
            StringBuilder token = new StringBuilder();
            boolean quoted = false;
            for (char c : value.toCharArray()) {
                if (c == '"') {
                    quoted = !quoted;
                }
                if (c == ',' && !quoted) {
                    addToken(tokens, token);
                } else {
                    token.append(c);
                }
            }
            addToken(tokens, token);
        }
        return tokens;
    }

    private static void addToken(List<String> tokens, StringBuilder token) {
        String text = token.toString().trim();
        if (!text.isEmpty()) {
            tokens.add(text);
        }
        token.setLength(0);
    }

    /** The value of Pragma token {@code name=value}, quotes removed (name case-insensitive). */
    public Optional<String> pragma(String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + "=";
        return pragmas().stream().filter(t -> t.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(t -> t.substring(prefix.length()).replace("\"", "").trim()).findFirst();
    }

    /** The session id from {@code Pragma: client-id=N} (leading digits only, as players parse numbers). */
    public OptionalLong clientId() {
        Optional<String> value = pragma("client-id");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        String text = value.get();
        int digits = 0;
        while (digits < text.length() && digits < 18 && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        return digits == 0 ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text.substring(0, digits)));
    }

    /** The raw head as text, for logs. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(version + " " + status + (reason.isEmpty() ? "" : " " + reason));
        fields.forEach(f -> text.append('\n').append(f.name()).append(": ").append(f.value()));
        return text.toString();
    }
}
