package io.synod.api;

/**
 * Wall-clock time as a core may see it: an input through the SPI, like randomness. A core reads
 * it only to stamp what it proposes (a batch's leader time, see {@link CommandBatch}), never to
 * decide anything; its timeouts are counted in ticks. The runtime passes the system clock, the
 * simulator its virtual time plus a seeded skew per node.
 */
@FunctionalInterface
public interface WallClock {

    /** A clock that always reads 0: for tests and tools that stamp nothing. */
    WallClock ZERO = () -> 0;

    /** Milliseconds since the epoch; may jump and differ between nodes. */
    long currentTimeMillis();
}
