package org.asfcast.netsink.wire;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One {@code source:destination:thinning} item of a {@code stream-switch-entry} Pragma, the way a
 * player selects streams in a Play request ([MS-WMSP] §2.2.1.4.27).
 *
 * <p>The stream fields are kept as the client wrote them because their base is ambiguous: the spec,
 * VLC and MPlayer write hex, FFmpeg and Moonlight write decimal. {@link #stream(Set)} settles it
 * against the stream numbers actually in the ASF header.
 *
 * @param source      the source stream field as sent, {@code ffff} for "none"
 * @param destination the destination stream field as sent, {@code ffff} for "none"
 * @param thinning    0 = everything, 1 = key frames only, 2 = stream off
 */
public record StreamSwitchEntry(String source, String destination, int thinning) {
    /** The field value that means "no stream". */
    public static final String NO_STREAM = "ffff";

    /** Thinning level meaning the stream is switched off. */
    public static final int THINNING_OFF = 2;

    /**
     * Checks the fields are present and lower-cases them so {@code FFFF} equals {@code ffff}.
     *
     * @param source see the record description
     * @param destination see the record description
     * @param thinning see the record description
     */
    public StreamSwitchEntry {
        source = Objects.requireNonNull(source, "source").toLowerCase(Locale.ROOT);
        destination = Objects.requireNonNull(destination, "destination").toLowerCase(Locale.ROOT);
    }

    /**
     * Reads one item such as {@code ffff:1:0}: three fields of one to four hex digits.
     *
     * @param text the item, without surrounding spaces
     * @return the entry, or empty if the text does not have that shape
     */
    public static Optional<StreamSwitchEntry> parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        for (String part : parts) {
            if (!part.matches("[0-9A-Fa-f]{1,4}")) {
                return Optional.empty();
            }
        }
        return Optional.of(new StreamSwitchEntry(parts[0], parts[1], Integer.parseInt(parts[2], 16)));
    }

    /**
     * Tells whether this entry switches its stream off: thinning level 2, or no destination
     * (Moonlight writes {@code <n>:ffff:0} for unselected streams).
     *
     * @return true if the client does not want this stream
     */
    public boolean isOff() {
        return thinning == THINNING_OFF || destination.equals(NO_STREAM);
    }

    /**
     * The ASF stream number this entry is about: the destination, or the source when the
     * destination is {@code ffff}. The field is read as hex first; if that number is not a stream
     * in the header and the field is also a decimal number, the decimal reading is tried.
     * Streams 1–9 read the same either way; beyond that the header decides.
     *
     * @param streamsInHeader the stream numbers declared in the ASF header
     * @return the stream number, or empty if neither reading names a stream in the header
     */
    public OptionalInt stream(Set<Integer> streamsInHeader) {
        String field = destination.equals(NO_STREAM) ? source : destination;
        if (field.equals(NO_STREAM)) {
            return OptionalInt.empty();
        }
        int hex = Integer.parseInt(field, 16);
        if (streamsInHeader.contains(hex)) {
            return OptionalInt.of(hex);
        }
        if (field.matches("[0-9]+")) {
            int decimal = Integer.parseInt(field);
            if (streamsInHeader.contains(decimal)) {
                return OptionalInt.of(decimal);
            }
        }
        return OptionalInt.empty();
    }
}
