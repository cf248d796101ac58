package org.asfcast.netsink.wire;

import java.util.Objects;

/**
 * What {@link RequestHeadParser#feed} made of the bytes so far: wait for more, a complete head, or
 * a rejection the transport answers with {@link ResponseHeads#rejection(Rejected)} before closing.
 */
public sealed interface HeadParseResult {

    /** The head is not complete yet; every byte offered was taken, feed the next bytes. */
    record NeedMore() implements HeadParseResult {
    }

    /**
     * The head is complete.
     *
     * @param head     the parsed request head
     * @param consumed how many bytes of the buffer given to this {@code feed} call belonged to the
     *                 head; the buffer's position was advanced by that much, so a body (POST) starts
     *                 at the position
     */
    record Complete(RequestHead head, int consumed) implements HeadParseResult {
        /**
         * Checks the head is present and the count is not negative.
         *
         * @param head see the record description
         * @param consumed see the record description
         */
        public Complete {
            Objects.requireNonNull(head, "head");
            if (consumed < 0) {
                throw new IllegalArgumentException("consumed must not be negative: " + consumed);
            }
        }
    }

    /**
     * The request cannot be served; answer with this status and close the connection.
     *
     * @param status a 4xx HTTP status code (400, 405 or 431)
     * @param reason one sentence a person can read, naming what was wrong
     */
    record Rejected(int status, String reason) implements HeadParseResult {
        /**
         * Checks the status is a client error and the reason is present.
         *
         * @param status see the record description
         * @param reason see the record description
         */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            if (status < 400 || status > 499) {
                throw new IllegalArgumentException("a rejection carries a 4xx status, not " + status);
            }
        }
    }
}
