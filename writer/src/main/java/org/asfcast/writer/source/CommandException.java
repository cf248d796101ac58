package org.asfcast.writer.source;

import java.io.IOException;

/**
 * A {@link CommandSource}'s command could not be started, or kept failing until the grace period
 * ran out. The message is a sentence for a person: the command, what happened, its last words on
 * standard error.
 */
public final class CommandException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public CommandException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
