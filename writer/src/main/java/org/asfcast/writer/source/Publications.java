package org.asfcast.writer.source;

import java.util.Optional;

/** The publishers of a point that takes pushed streams, in the order they came; see {@link PublishedSource}. */
public interface Publications {

    /**
     * The next publisher's stream, waiting at most {@code millis} for one.
     *
     * @return the publication, or empty when none came in that time
     */
    Optional<Publication> next(long millis) throws InterruptedException;
}
