package org.asfcast.asf;

/**
 * Input that is not valid ASF: truncated, corrupt or absurd. The one checked exception the
 * {@code asf} module raises for bad bytes; it names the byte offset where the problem was found
 * and what was wrong, so a user can act on it.
 */
public final class AsfFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String problem;

    /**
     * @param offset  the byte offset (from the start of the input being parsed) where the problem is
     * @param problem what was wrong, as a sentence fragment ("object size 12 is below 24")
     */
    public AsfFormatException(long offset, String problem) {
        super("invalid ASF at byte " + offset + ": " + problem);
        this.offset = offset;
        this.problem = problem;
    }

    /** The byte offset where the problem was found. */
    public long offset() {
        return offset;
    }

    /** What was wrong, without the offset. */
    public String problem() {
        return problem;
    }
}
