package org.asfcast.writer.source;

import java.io.InputStream;

/**
 * One publisher's stream pushed to a point: its body as ASF bytes, and the way to tell the
 * publisher how it went. Made by the transport that received it; read by a {@link PublishedSource}.
 */
public interface Publication {

    /**
     * The pushed ASF stream. It ends when the publisher ends it, drops, or stops being readable;
     * reading it blocks while the publisher is slow.
     */
    InputStream body();

    /** Who publishes and how, for the log, such as {@code 10.0.0.5:53320 by PUT}. */
    String describe();

    /** The source took the whole stream: the publisher may be told so. */
    void finished();

    /**
     * The source cannot take the stream (it is not ASF, or the point stops): the publisher is
     * answered with {@code status} and {@code sentence}, and the rest of its body is dropped.
     */
    void refused(int status, String sentence);
}
