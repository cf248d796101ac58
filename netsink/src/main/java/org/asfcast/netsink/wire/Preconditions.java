package org.asfcast.netsink.wire;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The conditional request fields of a GET or HEAD for a file, evaluated in the order RFC 9110
 * §13.2.2 gives: {@code If-Match}, {@code If-Unmodified-Since}, {@code If-None-Match},
 * {@code If-Modified-Since}, then {@code If-Range}. A field whose value cannot be read (a date
 * that is no HTTP date) is ignored, as the RFC says. Pure.
 */
public final class Preconditions {

    private Preconditions() {
    }

    /** What the conditions allow. */
    public enum Outcome {
        /** 412: {@code If-Match} or {@code If-Unmodified-Since} failed. */
        PRECONDITION_FAILED,
        /** 304: the client's copy is current. */
        NOT_MODIFIED,
        /** Send the representation, honouring a {@code Range} if one was sent. */
        SEND_RANGE,
        /** Send the whole representation: {@code If-Range} names another version. */
        SEND_WHOLE
    }

    /**
     * Evaluates the conditions of {@code head} against the file's validators.
     *
     * @param head      the request (GET or HEAD)
     * @param validator the file's validators
     * @return what to send
     */
    public static Outcome evaluate(RequestHead head, FileValidator validator) {
        Objects.requireNonNull(validator, "validator");
        Optional<String> ifMatch = head.first("If-Match");
        if (ifMatch.isPresent()) {
            if (!matches(ifMatch.get(), validator.etag(), true)) {
                return Outcome.PRECONDITION_FAILED;
            }
        } else {
            Optional<Instant> unmodifiedSince = head.first("If-Unmodified-Since").flatMap(HttpDate::parse);
            if (unmodifiedSince.isPresent() && validator.lastModified().isAfter(unmodifiedSince.get())) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        Optional<String> ifNoneMatch = head.first("If-None-Match");
        if (ifNoneMatch.isPresent()) {
            if (matches(ifNoneMatch.get(), validator.etag(), false)) {
                return Outcome.NOT_MODIFIED;
            }
        } else {
            Optional<Instant> modifiedSince = head.first("If-Modified-Since").flatMap(HttpDate::parse);
            if (modifiedSince.isPresent() && !validator.lastModified().isAfter(modifiedSince.get())) {
                return Outcome.NOT_MODIFIED;
            }
        }
        Optional<String> ifRange = head.first("If-Range");
        if (ifRange.isPresent() && head.first("Range").isPresent() && !rangeStillValid(ifRange.get().trim(), validator)) {
            return Outcome.SEND_WHOLE;
        }
        return Outcome.SEND_RANGE;
    }

    /** If-Range: an entity tag compares strongly (a weak one never matches); a date must be Last-Modified exactly. */
    private static boolean rangeStillValid(String value, FileValidator validator) {
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return value.equals(validator.etag());
        }
        return HttpDate.parse(value).map(date -> date.equals(validator.lastModified())).orElse(false);
    }

    /**
     * Whether a list of entity tags (or {@code *}) names the current one; {@code strong}
     * comparison (If-Match) never matches a weak tag, weak comparison (If-None-Match) ignores {@code W/}.
     */
    static boolean matches(String list, String etag, boolean strong) {
        String value = list.trim();
        if (value.equals("*")) {
            return true;
        }
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            boolean weak = value.startsWith("W/", i);
            int open = weak ? i + 2 : i;
            if (open >= value.length() || value.charAt(open) != '"') {
                return false; // not a list of entity tags: no tag of ours
            }
            int close = value.indexOf('"', open + 1);
            if (close < 0) {
                return false;
            }
            if (value.substring(open, close + 1).equals(etag) && !(weak && strong)) {
                return true;
            }
            i = close + 1;
        }
        return false;
    }
}
