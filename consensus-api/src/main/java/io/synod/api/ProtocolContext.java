package io.synod.api;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a node's protocol core is built from.
 *
 * <p>Node ids are 0 to {@link #MAX_NODE_ID} in every protocol (a Paxos ballot carries its node in
 * 16 bits); members are distinct, observers are distinct and none is a member, and this node is one
 * of them. A context that breaks a rule is refused here, before any core is built.
 *
 * @param self      this node's id
 * @param members   the voting members, this node included unless it is an observer
 * @param observers non-voting members that only learn the chosen log
 * @param random    the core's only source of randomness (election jitter, backoff); seeded by
 *                  the simulator, from entropy by the runtime
 * @param recovered what this node found on its disk
 * @param wallClock the core's only wall clock, read to stamp what it proposes (a batch's leader
 *                  time), never to decide: the system clock in the runtime, virtual time plus a
 *                  seeded skew in the simulator
 * @param log       the node's durable log, read-only: what earlier Readys persisted (see {@link LogReader})
 */
public record ProtocolContext(int self, int[] members, int[] observers, RandomGenerator random, Recovered recovered,
                              WallClock wallClock, LogReader log) {

    /** The highest node id. */
    public static final int MAX_NODE_ID = 0xFFFF;

    public ProtocolContext {
        members = members.clone();
        observers = observers.clone();
        checkMembership(self, members, observers);
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(recovered, "recovered");
        Objects.requireNonNull(wallClock, "wallClock");
        Objects.requireNonNull(log, "log");
    }

    /**
     * A context whose wall clock reads 0 ({@link WallClock#ZERO}) and whose log reader shows the
     * recovered entries only, as they were at start: for tests and tools that drive a core by hand.
     */
    public ProtocolContext(int self, int[] members, int[] observers, RandomGenerator random, Recovered recovered) {
        this(self, members, observers, random, recovered, WallClock.ZERO, recoveredLog(recovered));
    }

    /** A context with a wall clock whose log reader shows the recovered entries only, as they were at start. */
    public ProtocolContext(int self, int[] members, int[] observers, RandomGenerator random, Recovered recovered,
                           WallClock wallClock) {
        this(self, members, observers, random, recovered, wallClock, recoveredLog(recovered));
    }

    /** A context over a durable log whose wall clock reads 0 ({@link WallClock#ZERO}). */
    public ProtocolContext(int self, int[] members, int[] observers, RandomGenerator random, Recovered recovered,
                           LogReader log) {
        this(self, members, observers, random, recovered, WallClock.ZERO, log);
    }

    /**
     * This context with another recovered state and the same wall clock and durable log: for a
     * protocol that wraps another and rewrites what it recovers.
     */
    public ProtocolContext withRecovered(Recovered other) {
        return new ProtocolContext(self, members, observers, random, other, wallClock, log);
    }

    private static LogReader recoveredLog(Recovered recovered) {
        if (recovered == null) {
            return LogReader.empty(0);
        }
        long first = recovered.log().isEmpty() ? recovered.lastIndex() + 1 : recovered.log().get(0).index();
        return LogReader.of(recovered.log(), first);
    }

    /**
     * Checks the membership rules of the class comment.
     *
     * @throws IllegalArgumentException naming the first rule broken
     */
    public static void checkMembership(int self, int[] members, int[] observers) {
        if (members.length == 0) {
            throw new IllegalArgumentException("a cluster needs at least one member");
        }
        checkIds("member", members);
        checkIds("observer", observers);
        checkIds("this node", new int[] {self});
        if (Arrays.stream(members).distinct().count() != members.length) {
            throw new IllegalArgumentException("members repeat: " + Arrays.toString(members));
        }
        if (Arrays.stream(observers).distinct().count() != observers.length) {
            throw new IllegalArgumentException("observers repeat: " + Arrays.toString(observers));
        }
        for (int o : observers) {
            if (Arrays.stream(members).anyMatch(m -> m == o)) {
                throw new IllegalArgumentException("node " + o + " is both a member and an observer");
            }
        }
        boolean known = Arrays.stream(members).anyMatch(m -> m == self)
            || Arrays.stream(observers).anyMatch(o -> o == self);
        if (!known) {
            throw new IllegalArgumentException("node " + self + " is neither a member nor an observer of "
                + Arrays.toString(members) + " / " + Arrays.toString(observers));
        }
    }

    private static void checkIds(String what, int[] ids) {
        for (int id : ids) {
            if (id < 0 || id > MAX_NODE_ID) {
                throw new IllegalArgumentException(what + " id " + id + " is outside 0.." + MAX_NODE_ID);
            }
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
