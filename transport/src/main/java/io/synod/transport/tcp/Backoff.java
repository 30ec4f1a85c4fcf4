package io.synod.transport.tcp;

import java.util.SplittableRandom;

/**
 * Delays between redials of one peer: capped exponential backoff with "equal jitter" (Brooker,
 * "Exponential Backoff And Jitter", AWS Architecture Blog, 2015). The n-th consecutive failure
 * waits a random time between half and all of {@code min(cap, initial * 2^n)}, so nodes that lost
 * a peer at the same moment do not redial it in step, and a peer that stays away costs a dial
 * per cap at most. A completed handshake starts the sequence over.
 *
 * <p>The randomness is seeded: the same seed gives the same delays, so a test can predict them.
 * Not thread-safe.
 */
final class Backoff {

    private final long initialNanos;
    private final long capNanos;
    private final SplittableRandom random;
    private int failures;

    Backoff(long initialNanos, long capNanos, long seed) {
        if (initialNanos <= 0 || capNanos < initialNanos) {
            throw new IllegalArgumentException("need 0 < initial <= cap, was " + initialNanos + " and " + capNanos);
        }
        this.initialNanos = initialNanos;
        this.capNanos = capNanos;
        this.random = new SplittableRandom(seed);
    }

    /** The delay before the next attempt, after one more failure. */
    long nextDelayNanos() {
        long ceiling = ceilingNanos(failures);
        if (failures < Integer.MAX_VALUE) {
            failures++;
        }
        long half = ceiling / 2;
        return half + random.nextLong(ceiling - half + 1);
    }

    /** The upper bound of the delay after {@code failures} earlier failures. */
    long ceilingNanos(int failures) {
        // Doubled this often, the initial delay would reach the sign bit (or lose bits beyond it):
        // a negative ceiling, which a peer that stays down for a few dozen dials would reach.
        if (failures >= Long.numberOfLeadingZeros(initialNanos)) {
            return capNanos;
        }
        return Math.min(initialNanos << failures, capNanos);
    }

    /** A connection was established: the next failure waits the initial delay again. */
    void reset() {
        failures = 0;
    }
}
