package io.synod.benchmarks.zookeeper;

import java.time.Duration;

/**
 * How hard and how long the driver pushes: {@code sessions} sessions with {@code outstanding} requests each
 * in flight, values of {@code valueBytes}, {@code warmups} unmeasured then {@code iterations} measured
 * iterations of {@code iteration} each.
 */
public record LoadSpec(int sessions, int outstanding, int valueBytes, int warmups, int iterations, Duration iteration) {

    public LoadSpec {
        if (sessions < 1 || outstanding < 1 || valueBytes < 0 || warmups < 0 || iterations < 1
            || iteration.isNegative() || iteration.isZero()) {
            throw new IllegalArgumentException("bad load: " + sessions + " sessions x " + outstanding + " outstanding, "
                + valueBytes + " B, " + warmups + "+" + iterations + " iterations of " + iteration);
        }
    }

    /** The same timing with one session and one request in flight. */
    LoadSpec single() {
        return new LoadSpec(1, 1, valueBytes, warmups, iterations, iteration);
    }
}
