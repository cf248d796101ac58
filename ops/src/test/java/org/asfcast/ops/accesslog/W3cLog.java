package org.asfcast.ops.accesslog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of W3C extended log files, as a WMS log analyser reads them: directives
 * ({@code #Name: value}) anywhere, {@code #Fields:} before any entry; every entry has exactly as
 * many fields as {@code #Fields} names, separated by single spaces, none empty, none holding a
 * control character; {@code date} and {@code time} parse. Anything else fails with the line number.
 */
final class W3cLog {

    /** One file read: its directives (the last value of each name) and its entries in order. */
    record Read(Map<String, String> directives, List<String> fields, List<Map<String, String>> entries) {
    }

    private W3cLog() {
    }

    static Read read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError(file + ": the last line has no line end");
        }
        Map<String, String> directives = new LinkedHashMap<>();
        List<String> fields = null;
        List<Map<String, String>> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length - 1; n++) {
            String line = lines[n];
            String at = file.getFileName() + ":" + (n + 1) + ": ";
            if (line.startsWith("#")) {
                int colon = line.indexOf(": ");
                if (colon < 2) {
                    throw new AssertionError(at + "a directive is #Name: value, not " + line);
                }
                directives.put(line.substring(1, colon), line.substring(colon + 2));
                if (line.startsWith("#Fields: ")) {
                    fields = List.of(line.substring("#Fields: ".length()).split(" "));
                }
                continue;
            }
            if (fields == null) {
                throw new AssertionError(at + "an entry before any #Fields directive");
            }
            String[] values = line.split(" ", -1);
            if (values.length != fields.size()) {
                throw new AssertionError(at + values.length + " fields where #Fields names " + fields.size() + ": " + line);
            }
            Map<String, String> entry = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                String v = values[i];
                if (v.isEmpty()) {
                    throw new AssertionError(at + "field " + fields.get(i) + " is empty (two spaces)");
                }
                for (int c = 0; c < v.length(); c++) {
                    char ch = v.charAt(c);
                    if (ch < 0x20 || ch == 0x7F || Character.isWhitespace(ch) || Character.getType(ch) == Character.FORMAT) {
                        throw new AssertionError(at + "field " + fields.get(i) + " holds character U+"
                                + Integer.toHexString(ch) + ": " + v);
                    }
                }
                entry.put(fields.get(i), v);
            }
            try {
                if (entry.containsKey("date")) {
                    LocalDate.parse(entry.get("date"), DateTimeFormatter.ISO_LOCAL_DATE);
                }
                if (entry.containsKey("time")) {
                    LocalTime.parse(entry.get("time"), DateTimeFormatter.ofPattern("HH:mm:ss"));
                }
            } catch (DateTimeParseException e) {
                throw new AssertionError(at + "date or time does not parse: " + e.getMessage());
            }
            entries.add(entry);
        }
        if (fields == null) {
            throw new AssertionError(file + ": no #Fields directive");
        }
        return new Read(directives, fields, entries);
    }
}
