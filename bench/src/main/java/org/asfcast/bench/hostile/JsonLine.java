package org.asfcast.bench.hostile;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/** Renders maps, lists, numbers and strings as one line of JSON (the harness's machine-readable summary). */
final class JsonLine {

    private JsonLine() {
    }

    static String of(Object v) {
        StringBuilder s = new StringBuilder();
        append(s, v);
        return s.toString();
    }

    private static void append(StringBuilder s, Object v) {
        if (v == null) {
            s.append("null");
        } else if (v instanceof Double d) {
            s.append(d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.2f", d));
        } else if (v instanceof Number || v instanceof Boolean) {
            s.append(v);
        } else if (v instanceof Map<?, ?> m) {
            s.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                s.append(first ? "" : ",");
                first = false;
                append(s, String.valueOf(e.getKey()));
                s.append(':');
                append(s, e.getValue());
            }
            s.append('}');
        } else if (v instanceof Collection<?> c) {
            s.append('[');
            boolean first = true;
            for (Object x : c) {
                s.append(first ? "" : ",");
                first = false;
                append(s, x);
            }
            s.append(']');
        } else {
            s.append('"');
            for (char ch : v.toString().toCharArray()) {
                if (ch == '"' || ch == '\\') {
                    s.append('\\').append(ch);
                } else if (ch < 0x20) {
                    s.append(String.format("\\u%04x", (int) ch));
                } else {
                    s.append(ch);
                }
            }
            s.append('"');
        }
    }
}
