package io.synod.protocol;

import java.util.random.RandomGenerator;

/**
 * How long a node that lost a contest waits before trying again: a random number of ticks,
 * drawn from a range that doubles with every consecutive failure up to a cap. Duelling Paxos
 * proposers that keep preempting each other thus drift apart until one finishes both phases
 * alone (ZAB's election rounds and a commit protocol's termination rounds want the same); the
 * randomness, from the core's seeded source, is what breaks the symmetry.
 *
 * @param baseTicks the range after the first failure, at least 1
 * @param capTicks  the largest range, at least {@code baseTicks}
 */
public record Backoff(int baseTicks, int capTicks) {

    public Backoff {
        if (baseTicks < 1 || capTicks < baseTicks) {
            throw new IllegalArgumentException("backoff needs 1 <= base <= cap, was base " + baseTicks + ", cap " + capTicks);
        }
    }

    /** The wait after {@code failures} consecutive failures (at least 1), in ticks: 1 to the range. */
    public int delay(int failures, RandomGenerator random) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        long range = Math.min((long) capTicks, (long) baseTicks << doublings);
        return 1 + random.nextInt((int) range);
    }
}
