package org.asfcast.ops.page;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The payload of a server-sent event, written straight into the event's buffer: the status beside
 * thousands of players is a large document once a second, and made as a string first it would be
 * copied three times on the heap before a page got a byte of it (docs/benchmarks.md, the operator side).
 */
@FunctionalInterface
interface EventData {

    /** Writes the payload, in UTF-8. */
    void writeTo(OutputStream out) throws IOException;

    /** Text as it is. */
    static EventData text(String text) {
        return out -> out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code value} as {@code json} writes it. */
    static EventData json(ObjectMapper json, Object value) {
        return out -> json.writeValue(out, value);
    }
}
