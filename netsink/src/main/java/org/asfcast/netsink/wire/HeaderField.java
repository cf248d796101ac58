package org.asfcast.netsink.wire;

import java.util.Objects;

/**
 * One request header line, as the client sent it: the name with its original spelling and the
 * value with surrounding spaces and tabs removed. Values are decoded as ISO-8859-1 so that every
 * byte maps to exactly one character and nothing a client sends is lost.
 *
 * @param name  the field name, non-empty, spelled as received
 * @param value the field value, possibly empty
 */
public record HeaderField(String name, String value) {
    /**
     * Checks that neither part is null.
     *
     * @param name see the record description
     * @param value see the record description
     */
    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Tells whether this field has the given name; HTTP field names are case-insensitive.
     *
     * @param other the name to compare with
     * @return true if the names are equal ignoring ASCII case
     */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }
}
