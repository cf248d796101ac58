package org.asfcast.ops.admin;

import java.util.Objects;

/**
 * What an admin action did.
 *
 * @param done   whether it did what was asked (false: it could not, and {@code what} says why)
 * @param what   what it did, or why not, in a sentence
 */
public record ActionOutcome(boolean done, String what) {

    public ActionOutcome {
        Objects.requireNonNull(what, "what");
    }

    /** It did this. */
    public static ActionOutcome done(String what) {
        return new ActionOutcome(true, what);
    }

    /** It could not, for this reason. */
    public static ActionOutcome refused(String why) {
        return new ActionOutcome(false, why);
    }
}
