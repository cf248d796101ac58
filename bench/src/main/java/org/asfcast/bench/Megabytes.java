package org.asfcast.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A JMH secondary result: megabytes (10^6 bytes) processed. In throughput mode JMH divides it by
 * the measured time, so the "megabytes" line of a result reads directly in MB/s.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Megabytes {
    /** MB processed in the current iteration. */
    public double megabytes;

    @Setup(Level.Iteration)
    public void clear() {
        megabytes = 0;
    }

    void add(long bytes) {
        megabytes += bytes / 1e6;
    }
}
