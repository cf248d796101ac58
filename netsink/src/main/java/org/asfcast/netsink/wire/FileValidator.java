package org.asfcast.netsink.wire;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The validators of one version of a file (RFC 9110 §8.8): its {@code Last-Modified} time and a
 * strong {@code ETag}. The tag joins the size, the modification time to the nanosecond and, where
 * the file system has one, the inode number, so a file replaced by another of the same size and
 * second (a re-encode copied in place) still gets a new tag. Pure.
 *
 * @param length       the file's length in bytes
 * @param lastModified the modification time, cut to the second (what an HTTP date can say)
 * @param etag         the strong entity tag, quotes included
 */
public record FileValidator(long length, Instant lastModified, String etag) {

    /**
     * Checks the values.
     *
     * @param length see the record description
     * @param lastModified see the record description
     * @param etag see the record description
     */
    public FileValidator {
        if (length < 0) {
            throw new IllegalArgumentException("a length is not negative: " + length);
        }
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(etag, "etag");
    }

    /**
     * The validators of a file.
     *
     * @param length   its length
     * @param modified its modification time, as precise as the file system keeps it
     * @param inode    its inode number, or empty where the file system has none
     * @return the validators
     */
    public static FileValidator of(long length, Instant modified, OptionalLong inode) {
        long nanos = modified.getEpochSecond() * 1_000_000_000L + modified.getNano();
        String tag = "\"" + Long.toHexString(length) + "-" + Long.toHexString(nanos)
                + (inode.isPresent() ? "-" + Long.toHexString(inode.getAsLong()) : "") + "\"";
        return new FileValidator(length, modified.truncatedTo(ChronoUnit.SECONDS), tag);
    }
}
