package org.asfcast.netsink.wire;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The request line and header fields of one HTTP request, as {@link RequestHeadParser} read them.
 *
 * @param method  the method token, case as sent (HTTP methods are case-sensitive), e.g. {@code GET}
 * @param path    the percent-decoded path without query, always starting with {@code /}
 * @param query   the raw (not decoded) text after {@code ?}, empty when there is none
 * @param version the HTTP version as sent, {@code HTTP/1.0} or {@code HTTP/1.1}
 * @param fields  every header field in arrival order, duplicates kept
 */
public record RequestHead(String method, String path, String query, String version, List<HeaderField> fields) {
    /**
     * Checks for nulls and freezes the field list.
     *
     * @param method see the record description
     * @param path see the record description
     * @param query see the record description
     * @param version see the record description
     * @param fields see the record description
     */
    public RequestHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(version, "version");
        fields = List.copyOf(fields);
    }

    /**
     * The value of the first field with this name.
     *
     * @param name the field name, any case
     * @return the first value, or empty if the field is absent
     */
    public Optional<String> first(String name) {
        for (HeaderField field : fields) {
            if (field.is(name)) {
                return Optional.of(field.value());
            }
        }
        return Optional.empty();
    }

    /**
     * The values of every field with this name, in arrival order; {@code Pragma} is sent many times.
     *
     * @param name the field name, any case
     * @return the values, empty if the field is absent
     */
    public List<String> all(String name) {
        return fields.stream().filter(field -> field.is(name)).map(HeaderField::value).toList();
    }

    /**
     * The {@code User-Agent} value, which decides between MS-WMSP and plain HTTP.
     *
     * @return the first User-Agent value, or the empty string if the client sent none
     */
    public String userAgent() {
        return first("User-Agent").orElse("");
    }

    /**
     * The declared body length. {@link RequestHeadParser} rejects malformed or conflicting values,
     * so for a parsed head a present field always yields a number.
     *
     * @return the {@code Content-Length}, or empty if the request declares none (or, for a head
     *         built by hand, declares one that is not a plain decimal number)
     */
    public OptionalLong contentLength() {
        Optional<String> value = first("Content-Length");
        if (value.isEmpty() || !RequestHeadParser.isContentLength(value.get())) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(value.get()));
    }
}
