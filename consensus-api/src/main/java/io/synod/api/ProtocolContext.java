package io.synod.api;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * What a node's protocol core is built from.
 *
 * @param self      this node's id
 * @param members   the voting members, this node included unless it is an observer
 * @param observers non-voting members that only learn the chosen log
 * @param random    the core's only source of randomness (election jitter, backoff); seeded by
 *                  the simulator, from entropy by the runtime
 * @param recovered what this node found on its disk
 */
public record ProtocolContext(int self, int[] members, int[] observers, RandomGenerator random, Recovered recovered) {

    public ProtocolContext {
        members = members.clone();
        observers = observers.clone();
        if (members.length == 0) {
            throw new IllegalArgumentException("a cluster needs at least one member");
        }
        if (Arrays.stream(members).distinct().count() != members.length) {
            throw new IllegalArgumentException("members repeat: " + Arrays.toString(members));
        }
        boolean known = Arrays.stream(members).anyMatch(m -> m == self)
            || Arrays.stream(observers).anyMatch(o -> o == self);
        if (!known) {
            throw new IllegalArgumentException("node " + self + " is neither a member nor an observer of "
                + Arrays.toString(members) + " / " + Arrays.toString(observers));
        }
    }

    @Override
    public int[] members() {
        return members.clone();
    }

    @Override
    public int[] observers() {
        return observers.clone();
    }

    /** True when this node votes. */
    public boolean isMember() {
        return Arrays.stream(members).anyMatch(m -> m == self);
    }
}
