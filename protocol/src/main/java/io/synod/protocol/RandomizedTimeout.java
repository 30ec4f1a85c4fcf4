package io.synod.protocol;

import java.util.random.RandomGenerator;

/**
 * A timeout counted in ticks whose length is drawn afresh at every restart, between
 * {@code baseTicks} and twice that: the randomised election timeout of Raft and Multi-Paxos, so
 * that two nodes that lost their leader at the same tick rarely stand for election at the same
 * tick. The draw comes from the core's seeded source, so a simulated run replays it exactly.
 *
 * <p>Once run out it stays run out until restarted: a node that could not act on it (it may not
 * vote yet, say) acts on the first tick it can.
 *
 * <pre>{@code
 * RandomizedTimeout election = new RandomizedTimeout(10, context.random());
 * void tick() { if (election.tick()) campaign(); }        // 10 to 20 ticks after the last restart
 * void heardFromLeader() { election.restart(); }
 * }</pre>
 */
public final class RandomizedTimeout {

    private final int baseTicks;
    private final RandomGenerator random;
    private int elapsed;
    private int timeout;

    /** A timeout of {@code baseTicks} (at least 1) to {@code 2 * baseTicks} ticks, started now. */
    public RandomizedTimeout(int baseTicks, RandomGenerator random) {
        if (baseTicks < 1 || baseTicks > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("a randomised timeout needs 1 <= base <= " + Integer.MAX_VALUE / 2
                + " ticks, was " + baseTicks);
        }
        this.baseTicks = baseTicks;
        this.random = random;
        restart();
    }

    /** Starts over with a freshly drawn length. */
    public void restart() {
        elapsed = 0;
        timeout = baseTicks + random.nextInt(baseTicks + 1);
    }

    /** Counts one tick; true once the timeout has run out (and on every tick after, until restarted). */
    public boolean tick() {
        if (elapsed < timeout) {
            elapsed++;
        }
        return elapsed >= timeout;
    }

    /** The shortest length a draw can give. */
    public int baseTicks() {
        return baseTicks;
    }

    /** The length drawn at the last restart. */
    public int timeoutTicks() {
        return timeout;
    }

    /** Ticks counted since the last restart, at most {@link #timeoutTicks()}. */
    public int elapsedTicks() {
        return elapsed;
    }
}
