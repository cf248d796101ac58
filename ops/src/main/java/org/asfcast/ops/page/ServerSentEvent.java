package org.asfcast.ops.page;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event as the HTML standard frames it ({@code text/event-stream}): an
 * {@code event:} line, an {@code id:} line, one {@code data:} line per line of the payload and a
 * blank line. Pure: the bytes are made once and sent to every open page.
 */
final class ServerSentEvent {

    private ServerSentEvent() {
    }

    /**
     * The event's bytes in UTF-8.
     *
     * @throws IllegalArgumentException when {@code name} is not one plain word (a line break in it
     *                                  would forge another field)
     */
    static byte[] encode(String name, long id, String data) {
        if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("an event name must be one word: '" + name + "'");
        }
        StringBuilder out = new StringBuilder(data.length() + name.length() + 32);
        out.append("event: ").append(name).append('\n').append("id: ").append(id).append('\n');
        // A CR, LF or CRLF in the payload would end the field: each line becomes a data line of its
        // own. Scanned by hand: the payload is the whole status (a megabyte beside 5,000 players), once a second.
        int start = 0;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\r' || c == '\n') {
                out.append("data: ").append(data, start, i).append('\n');
                if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.append("data: ").append(data, start, data.length()).append('\n');
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A comment line, which readers ignore: it tells the page, at once, that the stream is open. */
    static byte[] comment(String text) {
        return (": " + text.replaceAll("[\r\n]+", " ") + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
