package org.asfcast.netsink.wire;

/**
 * A pushed body that cannot be read as what it claims to be: a sentence for the publisher (it is
 * answered with 422 and the sentence), naming the byte of the body where reading stopped.
 */
public final class PushFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The problem {@code sentence} found at byte {@code offset} of the body. */
    public PushFormatException(long offset, String sentence) {
        super("At byte " + offset + " of the push body: " + sentence);
    }
}
