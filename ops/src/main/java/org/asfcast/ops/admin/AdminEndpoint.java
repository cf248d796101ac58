package org.asfcast.ops.admin;

/** What answers one route of the admin listener. */
@FunctionalInterface
public interface AdminEndpoint {

    /**
     * Answers the request. Runs on the admin listener's worker thread (never a streaming loop), so it
     * may wait a little (an action that drops players waits for their loops); an exception becomes a
     * 500 with a sentence, and is logged.
     */
    AdminResponse answer(AdminRequest request);
}
