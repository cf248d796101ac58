package org.asfcast.client;

/**
 * How a played stream ended.
 *
 * @param kind   what ended it
 * @param reason the {@code $E} Reason HRESULT; 0 for the other kinds
 */
public record StreamEnd(Kind kind, long reason) {

    /** What ended a stream. */
    public enum Kind {
        /** The server sent {@code $E}. */
        END_CHUNK,
        /** The server closed the connection at a chunk (or packet) boundary without {@code $E}. */
        CONNECTION_CLOSED,
        /** The caller closed the session. */
        CLOSED_BY_CLIENT
    }

    /** True for {@code $E} with Reason 0 (S_OK): the server finished on purpose. */
    public boolean normal() {
        return kind == Kind.END_CHUNK && reason == 0;
    }
}
